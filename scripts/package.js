/**
 * `npm run package`: builds the bundles this repository commits (scripts/bundles.js) with Rollup from the compiled
 * TypeScript (scripts/rollup.js: ESM, code-split, minified, with the licenses of everything bundled):
 *
 * - the action, dist/index.js and its chunks, as action.yml runs it;
 * - the CLI, packages/cli/bin/sociavault-credits.js and its chunks, with no runtime dependency, the `bin` of
 *   @sociavault-credits/cli.
 *
 * It fails when an entry would load undici or tunnel at start (they belong behind `import()`, for the proxy path
 * only), so that a dependency bump cannot bring them back silently; `npm run check-dist` runs it.
 *
 * `node scripts/package.js [root]`: the bundles go under root, the repository by default; `npm run check-dist`
 * builds into a temporary root and compares.
 */
import { execFileSync } from "node:child_process"
import { resolve } from "node:path"
import { BUNDLES } from "./bundles.js"
import { buildBundle } from "./rollup.js"

const root = resolve(process.argv[2] ?? ".")

execFileSync("npx", ["tsc", "-b", ...new Set(BUNDLES.map((bundle) => bundle.project))], {
  stdio: ["ignore", "inherit", "inherit"]
})
for (const bundle of BUNDLES) {
  for (const start of await buildBundle(bundle, root)) {
    if (start.lazyOnly.length === 0) continue
    console.error(
      `${bundle.dir}/${start.entry} (${bundle.name}) loads ${start.lazyOnly.join(" and ")} at start ` +
        `(in ${start.chunks.join(", ")}): import them with import(), on the proxy path only.`
    )
    process.exitCode = 1
  }
}
