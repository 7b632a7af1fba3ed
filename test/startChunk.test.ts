/**
 * The start-chunk rule of `npm run package` (and so of `npm run check-dist`): no entry may load undici or tunnel at
 * start. Fixtures built with the real bundler configuration (scripts/rollup.js) into a temporary folder.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { buildBundle, type Start } from "../scripts/rollup.js"

const root = mkdtempSync(join(tmpdir(), "sociavault-start-chunk-"))
let starts: ReadonlyArray<Start>
const startOf = (entry: string) => starts.find((start) => start.entry === entry)

beforeAll(async () => {
  starts = await buildBundle(
    {
      dir: "out",
      entries: {
        eager: "test/fixtures/start-chunk/eager.js",
        lazy: "test/fixtures/start-chunk/lazy.js",
        "actions-core": "test/fixtures/start-chunk/actions-core.js"
      }
    },
    root
  )
}, 60_000)
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe("the start-chunk rule", () => {
  it("names undici when an entry imports it statically", () => {
    expect(startOf("eager.js")?.lazyOnly).toEqual(["undici"])
  })

  it("lets undici be loaded by import(), in a chunk of its own", () => {
    expect(startOf("lazy.js")?.lazyOnly).toEqual([])
    expect(startOf("lazy.js")?.chunks).toEqual(["lazy.js"])
  })

  it("drops @actions/core's unused imports of @actions/http-client (undici, tunnel) and @actions/exec", () => {
    const start = startOf("actions-core.js")
    expect(start?.lazyOnly).toEqual([])
    const code = start?.chunks.map((chunk) => readFileSync(join(root, "out", chunk), "utf8")).join("\n")
    expect(code).not.toContain("tunnel")
    expect(code).not.toContain("child_process")
  })

  it("lists every bundled package's license in licenses.txt", () => {
    const licenses = readFileSync(join(root, "out", "licenses.txt"), "utf8")
    for (const name of ["@actions/core", "undici"]) expect(licenses).toMatch(new RegExp(`^${name}\\nMIT\\n`, "m"))
  })
})
