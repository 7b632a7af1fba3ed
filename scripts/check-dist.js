/**
 * Fails when the committed dist/ is not what `npm run package` builds from the sources now, the way the
 * typescript-action template's check-dist workflow does, so a stale bundle cannot land.
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const fresh = mkdtempSync(join(tmpdir(), "sociavault-dist-"))
try {
  execFileSync("node", ["scripts/package.js", fresh], { stdio: "inherit" })
  const names = (dir) => readdirSync(dir).sort()
  const stale = [...new Set([...names("dist"), ...names(fresh)])].filter((name) => {
    try {
      return !readFileSync(join("dist", name)).equals(readFileSync(join(fresh, name)))
    } catch {
      return true
    }
  })
  if (stale.length > 0) {
    console.error(`dist/ is stale (${stale.join(", ")} differ): run \`npm run package\` and commit dist/.`)
    process.exit(1)
  }
  console.log("dist/ is up to date with the sources.")
} finally {
  rmSync(fresh, { recursive: true, force: true })
}
