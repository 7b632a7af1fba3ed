/**
 * The one dist check. Fails when a committed bundle (the action's dist/, the CLI's packages/cli/bin/) is not what
 * `npm run package` builds from the sources now, the way the typescript-action template's check-dist workflow does,
 * so a stale bundle cannot land; and, through `npm run package` itself, when an entry of either would load undici
 * or tunnel at start (scripts/rollup.js's startOf).
 */
import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { BUNDLES } from "./bundles.js"
import { differingFiles } from "./compareDirs.js"

const fresh = mkdtempSync(join(tmpdir(), "sociavault-dist-"))
try {
  execFileSync("node", ["scripts/package.js", fresh], { stdio: "inherit" })
  for (const bundle of BUNDLES) {
    const stale = existsSync(bundle.dir) ? differingFiles(bundle.dir, join(fresh, bundle.dir)) : ["every file"]
    // The mode too: npm makes a bin executable on install, but `./packages/cli/bin/...` from a clone needs it.
    for (const name of bundle.executable ? Object.keys(bundle.entries) : []) {
      const main = join(bundle.dir, `${name}.js`)
      if (existsSync(main) && (statSync(main).mode & 0o111) === 0) stale.push(`${main}'s mode`)
    }
    if (stale.length > 0) {
      console.error(
        `${bundle.dir}/ (${bundle.name}) is stale, it differs in ${stale.join(", ")}: run \`npm run package\` and commit it.`
      )
      process.exitCode = 1
    } else {
      console.log(`${bundle.dir}/ (${bundle.name}) is up to date with the sources.`)
    }
  }
} finally {
  rmSync(fresh, { recursive: true, force: true })
}
