/**
 * The SDK examples (examples/*.ts for Effect 4, packages/core-effect3/examples/*.ts for Effect 3): each one run as
 * a user would, `node FILE.ts` on Node 24's type stripping, against the fake SociaVault API with SOCIAVAULT_API_KEY
 * and SOCIAVAULT_BASE_URL; and each one shown in the README exactly as it is. (`npm test` type-checks them through
 * tsconfig.test.json; they import the built packages, as `npm run build` leaves them.)
 */
import { readdirSync, readFileSync } from "node:fs"
import { DEMO_API_KEY, DEMO_BALANCE, type FakeSociaVault, startFakeSociaVault } from "@sociavault-credits/fake-server"
import { EXPECTED, Messages, SETTINGS } from "@sociavault-credits/rules"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { runNode } from "./support/runNode.js"

const root = new URL("../", import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), "utf8")

const EXAMPLE_DIRS = ["examples", "packages/core-effect3/examples"]
const examples = EXAMPLE_DIRS.flatMap((dir) =>
  readdirSync(new URL(dir, root))
    .filter((name) => name.endsWith(".ts"))
    .map((name) => `${dir}/${name}`)
)

let server: FakeSociaVault
beforeEach(async () => {
  server = await startFakeSociaVault()
})
afterEach(() => server.close())

const runExample = (path: string, key = DEMO_API_KEY) => {
  const env = { PATH: process.env.PATH ?? "", SOCIAVAULT_API_KEY: key, SOCIAVAULT_BASE_URL: server.url }
  return runNode([path], { cwd: root, env })
}

describe("the README's examples", () => {
  const blocks = [...read("README.md").matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```\n/g)].map(
    ([, path, code]) => ({ path: path!, code: code! })
  )

  it("marks one README block for each example file", () => {
    expect(examples).toHaveLength(5)
    expect(blocks.map((block) => block.path).sort()).toEqual([...examples].sort())
  })

  it.each(examples)("shows %s as it is (npm run examples:readme copies it)", (path) => {
    expect(blocks.find((block) => block.path === path)?.code).toBe(read(path))
  })
})

describe("the examples, run against the fake API", () => {
  it("get-credits prints the balance, and the refusal of a wrong key", async () => {
    const ok = await runExample("examples/get-credits.ts")
    expect(ok).toEqual({ code: 0, stdout: "950 credits (active)\n", stderr: "" })
    expect(server.requests).toHaveLength(1)

    const refused = await runExample("examples/get-credits.ts", "sk_test_wrong")
    expect(refused.code).toBe(0)
    expect(refused.stdout).toBe("")
    expect(refused.stderr).toBe(`${Messages.unauthorized(401, { serverMessage: "Unauthorized" })}\n`)
  })

  it("get-credits without SOCIAVAULT_API_KEY fails saying so, before any request", async () => {
    const missing = await runExample("examples/get-credits.ts", "")
    expect(missing.code).not.toBe(0)
    expect(missing.stderr).toContain(Messages.invalid(SETTINGS.apiKey.env, EXPECTED.apiKeyVariable))
    expect(missing.stderr).not.toContain("[object Object]")
    expect(server.requests).toHaveLength(0)
  })

  it("credit-guard runs every scrape on one balance read, and none when the balance is short", async () => {
    const covered = await runExample("examples/credit-guard.ts")
    expect(covered.code).toBe(0)
    for (const handle of ["effect_ts", "github", "nodejs"]) expect(covered.stdout).toContain(`scraping ${handle}`)
    expect(server.requests).toHaveLength(1)

    server.setBalance(DEMO_API_KEY, { ...DEMO_BALANCE, credits: 10 })
    const short = await runExample("examples/credit-guard.ts")
    expect(short.code).toBe(0)
    expect(short.stdout).not.toContain("scraping")
    expect(short.stdout).toContain(Messages.insufficientCredits(10, 20))
  })

  it("budgeted-scrape runs every page within its budget, re-reading the balance while it runs", async () => {
    const ok = await runExample("examples/budgeted-scrape.ts")
    expect(ok.code).toBe(0)
    for (const page of [1, 20]) expect(ok.stdout).toContain(`scraping page ${page}\n`)
    expect(ok.stdout).toContain("run ended, connections closed")
    expect(ok.stdout + ok.stderr).not.toContain("BudgetExceeded")
    // The start read, then one each second while the pages are scraped.
    expect(server.requests.length).toBeGreaterThanOrEqual(2)
  })

  it("budgeted-scrape stops the run once the balance fell by more than maxSpend, closing what it opened", async () => {
    const running = runExample("examples/budgeted-scrape.ts")
    // After the first re-read (still 950), something spends 600 credits: the next re-read stops the run.
    await server.waitForRequests(2)
    server.setBalance(DEMO_API_KEY, { ...DEMO_BALANCE, credits: DEMO_BALANCE.credits - 600 })
    const stopped = await running
    expect(stopped.code).toBe(0)
    expect(stopped.stdout).toContain(Messages.budgetExceeded(600, SETTINGS.maxSpend.option, 500, 350))
    expect(stopped.stdout).toContain("run ended, connections closed")
    expect(stopped.stdout).not.toContain("scraping page 20\n")
    expect(stopped.stdout + stopped.stderr).not.toContain(DEMO_API_KEY)
  })

  it("metrics prints the balance gauge and the calls by outcome", async () => {
    const ok = await runExample("examples/metrics.ts")
    expect(ok.code).toBe(0)
    expect(ok.stdout).toContain("ok calls: 1\n")
    expect(ok.stdout).toContain("sociavault_credits_balance 950\n")
    expect(ok.stdout).toContain('sociavault_requests_total{outcome="ok"} 1\n')

    const refused = await runExample("examples/metrics.ts", "sk_test_wrong")
    expect(refused.code).toBe(0)
    expect(refused.stdout).toContain("ok calls: 0\n")
    expect(refused.stdout).toContain('sociavault_requests_total{outcome="unauthorized"} 1\n')
    expect(refused.stdout).not.toContain("sociavault_credits_balance")
  })

  it("the Effect 3 example prints the balance", async () => {
    const ok = await runExample("packages/core-effect3/examples/get-credits.ts")
    expect(ok).toEqual({ code: 0, stdout: "950 credits (active)\n", stderr: "" })
    expect(server.requests).toHaveLength(1)
  })
})
