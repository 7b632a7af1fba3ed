/**
 * `npm run docs` (scripts/docs.js): @effect/docgen builds the API reference of the SDK and the rules from their
 * JSDoc, type-checking every `@example` with tsc and running them all with tsx, the SDK's against the fake API.
 * About 7 s on the 2-core machine, so it runs in `npm test` (it needs the build `npm test` does first).
 */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { runNode } from "./support/runNode.js"

const root = new URL("../", import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), "utf8")

/** The SDK's public modules: what its index re-exports as namespaces. */
const publicModules = [...read("packages/core/src/index.ts").matchAll(/^export \* as (\w+) from/gm)].map(
  ([, name]) => name!
)

const docs = () => runNode(["scripts/docs.js"], { cwd: root })

describe("npm run docs", () => {
  it("generates the API reference, with every example type-checked and run", async () => {
    const run = await docs()
    expect(run.stderr).toBe("")
    expect(run.code).toBe(0)
    const examples = Number(/packages\/core\/docs \((\d+) examples/.exec(run.stdout)?.[1])
    expect(examples).toBeGreaterThanOrEqual(publicModules.length)
    // The SDK's examples read a balance from the fake API: they ran, not only compiled.
    expect(Number(/made (\d+) requests/.exec(run.stdout)?.[1])).toBeGreaterThanOrEqual(3)
    for (const name of publicModules) {
      const page = read(`packages/core/docs/modules/${name}.ts.md`)
      expect(page.startsWith(`---\ntitle: ${name}.ts\n`), `${name}.ts.md has no front matter`).toBe(true)
      expect(page).toContain("**Example**")
    }
    expect(read("packages/rules/docs/modules/thresholds.ts.md")).toContain("## evaluate")
  }, 120_000)

  it("has at least one example in every public module of the SDK", () => {
    expect(publicModules).toEqual([
      "CreditBalance",
      "CreditBudget",
      "CreditGuard",
      "CreditThresholds",
      "SociaVaultClient",
      "SociaVaultError",
      "SociaVaultMetrics"
    ])
    for (const name of publicModules) {
      const source = read(`packages/core/src/${name}.ts`)
      expect(source, `${name}.ts has no @example`).toMatch(/^ \* @example\n \* ```ts\n/m)
    }
  })
})
