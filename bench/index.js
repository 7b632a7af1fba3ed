/**
 * `npm run bench`: every benchmark of the project, each as a ratio against a baseline measured in the same run.
 * Not part of `npm test`: timings belong here, never in assertions.
 */
import { makeLoops as effect4Loops } from "../packages/core/bench/loops.js"
import { makeLoops as effect3Loops } from "../packages/core-effect3/bench/loops.js"
import { benchActionColdStart } from "./action-cold-start.js"
import { benchActionMemory } from "./action-memory.js"
import { benchBundleSizes } from "./bundle-size.js"
import { benchCliColdStart } from "./cli-cold-start.js"
import { benchCreditGuard } from "./credit-guard.js"
import { benchNpmStart } from "./npm-start.js"
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

const sizes = benchBundleSizes()
console.log("Bundles: JavaScript evaluated at start (the entry and its static imports) and everything in the folder")
for (const bundle of sizes) {
  for (const entry of bundle.entries) {
    const target = bundle.dir === "dist" ? "   (target <= 250 KB)" : ""
    console.log(`  ${entry.entry.padEnd(40)} at start ${fixed(entry.startBytes / 1000, 0)} KB${target}`)
  }
  const target = bundle.dir === "dist" ? "   (target <= 700 KB)" : ""
  console.log(`  ${`${bundle.dir}/ in all`.padEnd(40)} ${fixed(bundle.totalBytes / 1000, 0)} KB${target}`)
}

const action = await benchActionColdStart()
console.log("\nAction cold run vs a bare node:http one-shot doing the same request (median wall time)")
console.log(`  runs each:       ${action.runs}`)
console.log(`  node:http floor: ${fixed(action.floorMillis, 0)} ms`)
for (const row of action.rows) {
  const target = /^(main|post) step \(/.test(row.name) ? "   (target <= 1.4x)" : ""
  console.log(`  ${row.name.padEnd(40)} ${fixed(row.millis, 0).padStart(4)} ms   ratio ${fixed(row.ratio)}x${target}`)
}

const memory = await benchActionMemory()
console.log("\nAction peak memory (max RSS, median of 3 runs each), and growth over a normal run on the same transport")
if (memory === undefined) {
  console.log("  skipped: needs GNU time at /usr/bin/time")
} else {
  for (const row of memory) {
    const target = row.name === "normal" ? "   (target <= 65 MiB)" : "   (target < 48 MB, aim < 10)"
    console.log(
      `  ${row.transport.padEnd(17)} ${row.name.padEnd(30)} ${fixed(row.kb / 1024, 1).padStart(5)} MiB   +${fixed(Math.max(0, row.growthKb) / 1024, 1)} MiB${target}`
    )
  }
}

const cli = await benchCliColdStart()
console.log("\nCLI cold run (packages/cli/bin) vs node -e 0 (median wall time)")
console.log(`  runs each:              ${cli.runs}`)
console.log(`  node -e 0:              ${fixed(cli.floorMillis, 0)} ms`)
console.log(
  `  one check (loopback):   ${fixed(cli.checkMillis, 0)} ms   ratio ${fixed(cli.checkRatio)}x   (target <= 3.0x)`
)
console.log(`  --version:              ${fixed(cli.versionMillis, 0)} ms   ratio ${fixed(cli.versionRatio)}x`)
console.log(`  --help:                 ${fixed(cli.helpMillis, 0)} ms   ratio ${fixed(cli.helpRatio)}x`)
console.log(
  `  one check, unbundled:   ${fixed(cli.unbundledMillis, 0)} ms   ratio ${fixed(cli.unbundledRatio)}x   (packages/cli/dist)`
)

const start = await benchNpmStart()
console.log("\nnpm start on a built checkout, nothing changed (build check + one run of the bundled action)")
console.log(`  first run:  ${fixed(start.first / 1000)} s`)
console.log(`  second run: ${fixed(start.second / 1000)} s   (target <= 2 s)`)

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
