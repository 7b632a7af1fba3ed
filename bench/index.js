/**
 * `npm run bench`: every benchmark of the project, each as a ratio against a baseline measured in the same run.
 * Not part of `npm test`: timings belong here, never in assertions.
 */
import { makeLoops as effect4Loops } from "../packages/core/bench/loops.js"
import { makeLoops as effect3Loops } from "../packages/core-effect3/bench/loops.js"
import { benchActionColdStart } from "./action-cold-start.js"
import { benchActionMemory } from "./action-memory.js"
import { benchCliColdStart } from "./cli-cold-start.js"
import { benchCreditGuard } from "./credit-guard.js"
import { benchSdkPerCall } from "./sdk-per-call.js"
import { benchTimeouts } from "./timeouts.js"

const fixed = (n, digits = 2) => n.toFixed(digits)

console.log(`Node ${process.version}\n`)
for (const [name, loops] of [
  ["Effect 4 SDK (@sociavault-credits/core)", effect4Loops],
  ["Effect 3 SDK (@sociavault-credits/core-effect3)", effect3Loops]
]) {
  const sdk = await benchSdkPerCall(loops)
  console.log(`${name}: getCredits vs a bare HttpClient execute + body read (loopback, sequential)`)
  console.log(`  calls each:      ${sdk.calls}`)
  console.log(`  bare HttpClient: ${fixed(sdk.bareMicros, 0)} µs/call`)
  console.log(`  SDK getCredits:  ${fixed(sdk.sdkMicros, 0)} µs/call`)
  console.log(`  ratio:           ${fixed(sdk.ratio)}x   (target <= 1.6x)\n`)
}

const action = await benchActionColdStart()
console.log("Action cold run vs a bare node:http one-shot (median wall time)")
console.log(`  runs each:             ${action.runs}`)
console.log(`  node:http floor:       ${fixed(action.floorMillis, 0)} ms`)
console.log(
  `  action (Effect 4):     ${fixed(action.actionMillis, 0)} ms   ratio ${fixed(action.ratio)}x   (target <= 3.0x)`
)
console.log(`  action (Effect 3, old): ${fixed(action.effect3Millis, 0)} ms   ratio ${fixed(action.effect3Ratio)}x`)
console.log(`  dist/ size:            ${fixed(action.distBytes / 1000, 0)} KB   (target <= 1200 KB)`)

const memory = await benchActionMemory()
console.log("\nAction peak memory (max RSS, median of 3 runs each)")
if (memory === undefined) {
  console.log("  skipped: needs GNU time at /usr/bin/time")
} else {
  console.log(`  normal balance:                       ${fixed(memory.normal / 1024, 0)} MB`)
  console.log(
    `  50 MB body:                           ${fixed(memory.body50MB / 1024, 0)} MB   ratio ${fixed(memory.body50MB / memory.normal)}x   (target <= 1.5x)`
  )
  console.log(
    `  gzip bomb (${fixed(memory.bombBytes / 1024, 0)} KB -> 300 MB): ${fixed(memory.gzipBomb / 1024, 0)} MB   ratio ${fixed(memory.gzipBomb / memory.normal)}x   (target <= 1.5x)`
  )
}

const cli = await benchCliColdStart()
console.log("\nCLI cold run (packages/cli/bin, one file) vs node -e 0 (median wall time)")
console.log(`  runs each:              ${cli.runs}`)
console.log(`  node -e 0:              ${fixed(cli.floorMillis, 0)} ms`)
console.log(
  `  one check (loopback):   ${fixed(cli.checkMillis, 0)} ms   ratio ${fixed(cli.checkRatio)}x   (target <= 4.0x)`
)
console.log(`  --version:              ${fixed(cli.versionMillis, 0)} ms   ratio ${fixed(cli.versionRatio)}x`)
console.log(`  --help:                 ${fixed(cli.helpMillis, 0)} ms   ratio ${fixed(cli.helpRatio)}x`)
console.log(
  `  one check, unbundled:   ${fixed(cli.unbundledMillis, 0)} ms   ratio ${fixed(cli.unbundledRatio)}x   (packages/cli/dist)`
)
console.log(`  bundle size:            ${fixed(cli.bundleBytes / 1000, 0)} KB`)

const timeouts = await benchTimeouts()
console.log(`\nA failing check against its ${timeouts.timeoutSeconds} s timeout (median of ${timeouts.runs} runs)`)
for (const row of timeouts.rows) {
  console.log(
    `  ${row.program.padEnd(7)}${row.scenario.padEnd(15)}${fixed(row.millis, 0).padStart(6)} ms   ${fixed(row.ratio)}x   (target <= ${timeouts.targetMillis} ms)`
  )
}

const guard = await benchCreditGuard()
console.log("\nCredit guard (Effect 4 SDK)")
console.log(
  `  API calls for ${guard.concurrent} concurrent guarded effects in one TTL window: ${guard.apiCalls}   (target 1)`
)
console.log(`  guard cost per guarded effect (cached): ${fixed(guard.guardMicros, 2)} µs`)
console.log(`  one loopback getCredits call:           ${fixed(guard.callMicros, 0)} µs`)
console.log(`  guard cost / getCredits call:           ${fixed(guard.fraction * 100, 2)}%   (target < 1%)`)
