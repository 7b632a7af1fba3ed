/**
 * The staleness check behind `npm run check-dist` (which `npm test` runs on the real dist/): any file added,
 * removed or changed counts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { differingFiles } from "../scripts/compareDirs.js"

const dirs: Array<string> = []
const folder = (files: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), "sociavault-compare-"))
  dirs.push(dir)
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe("dist staleness check", () => {
  it("finds nothing when the folders match byte for byte", () => {
    expect(
      differingFiles(folder({ "index.js": "a", "licenses.txt": "l" }), folder({ "index.js": "a", "licenses.txt": "l" }))
    ).toEqual([])
  })

  it("names a changed, a missing and an extra file", () => {
    const committed = folder({ "index.js": "old", "licenses.txt": "l", "gone.js": "x" })
    const rebuilt = folder({ "index.js": "new", "licenses.txt": "l", "added.js": "y" })
    expect(differingFiles(committed, rebuilt)).toEqual(["added.js", "gone.js", "index.js"])
  })
})
