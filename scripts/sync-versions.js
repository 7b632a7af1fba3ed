/**
 * After `changeset version` (part of `npm run version`): writes each workspace package's new version into the
 * `export const VERSION = "..."` line of its sources (the SDKs' User-Agent, the CLI's --version), which tests keep
 * equal to package.json. `node scripts/sync-versions.js [root]`; prints what it changed.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"

const root = process.argv[2] ?? "."
const line = /^export const VERSION = "[^"]*"$/m

const sources = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return name.endsWith(".ts") ? [path] : []
  })

for (const dir of readdirSync(join(root, "packages"))) {
  const packageDir = join(root, "packages", dir)
  let manifest
  try {
    manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"))
  } catch {
    continue
  }
  let files = []
  try {
    files = sources(join(packageDir, "src"))
  } catch {
    continue
  }
  for (const file of files) {
    const text = readFileSync(file, "utf8")
    const synced = text.replace(line, `export const VERSION = "${manifest.version}"`)
    if (synced !== text) {
      writeFileSync(file, synced)
      console.log(`${file}: VERSION = "${manifest.version}"`)
    }
  }
}
