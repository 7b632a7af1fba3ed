/**
 * `npm run bench`: every benchmark of the project, each as a ratio against a baseline measured in the same run.
 * Not part of `npm test`: timings belong here, never in assertions.
 */
import { benchActionColdStart } from "./action-cold-start.js"
import { benchCreditGuard } from "./credit-guard.js"
import { benchSdkVsFetch } from "./sdk-vs-fetch.js"

const fixed = (n, digits = 2) => n.toFixed(digits)

const sdk = await benchSdkVsFetch()
console.log("SDK getCredits vs raw fetch (loopback, sequential)")
console.log(`  calls each:      ${sdk.calls}`)
console.log(`  raw fetch:       ${fixed(sdk.rawMicros, 0)} µs/call`)
console.log(`  bare HttpClient: ${fixed(sdk.platformMicros, 0)} µs/call  (${fixed(sdk.platformRatio)}x raw fetch)`)
console.log(`  SDK getCredits:  ${fixed(sdk.sdkMicros, 0)} µs/call`)
console.log(`  ratio SDK / raw fetch:       ${fixed(sdk.ratio)}x   (target <= 1.15x)`)
console.log(`  ratio SDK / bare HttpClient: ${fixed(sdk.overPlatform)}x`)

const action = await benchActionColdStart()
console.log("\nAction cold run vs a bare node:http one-shot (median wall time)")
console.log(`  runs each:       ${action.runs}`)
console.log(`  node:http floor: ${fixed(action.floorMillis, 0)} ms`)
console.log(`  action:          ${fixed(action.actionMillis, 0)} ms`)
console.log(`  ratio:           ${fixed(action.ratio)}x   (target <= 3.0x)`)
console.log(`  dist/ size:      ${fixed(action.distBytes / 1e6, 2)} MB   (target <= 1.5 MB)`)

const guard = await benchCreditGuard()
console.log("\nCredit guard")
console.log(
  `  API calls for ${guard.concurrent} concurrent guarded effects in one TTL window: ${guard.apiCalls}   (target 1)`
)
console.log(`  guard cost per guarded effect (cached): ${fixed(guard.guardMicros, 2)} µs`)
console.log(`  one loopback getCredits call:           ${fixed(guard.callMicros, 0)} µs`)
console.log(`  guard cost / getCredits call:           ${fixed(guard.fraction * 100, 2)}%   (target < 1%)`)
