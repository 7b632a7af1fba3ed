/**
 * Fails when the committed dist/ is not what `npm run package` builds from the sources now, the way the
 * typescript-action template's check-dist workflow does, so a stale bundle cannot land.
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { differingFiles } from "./compareDirs.js"

const fresh = mkdtempSync(join(tmpdir(), "sociavault-dist-"))
try {
  execFileSync("node", ["scripts/package.js", fresh], { stdio: "inherit" })
  const stale = differingFiles("dist", fresh)
  if (stale.length > 0) {
    console.error(`dist/ is stale (${stale.join(", ")} differ): run \`npm run package\` and commit dist/.`)
    process.exitCode = 1
  } else {
    console.log("dist/ is up to date with the sources.")
  }
} finally {
  rmSync(fresh, { recursive: true, force: true })
}
