/**
 * The README's first Quickstart command: `npm start` runs the bundled action against the embedded fake API when
 * SOCIAVAULT_API_KEY is unset, and prints its outputs and summary.
 */
import { describe, expect, it } from "vitest"
import { runNode } from "./support/runNode.js"

const start = (args: ReadonlyArray<string>) => {
  const { SOCIAVAULT_API_KEY: _, ...env } = process.env
  return runNode(["scripts/start.js", ...args], { env })
}

describe("npm start", () => {
  it("checks the embedded fake API and prints outputs and summary, as a person reads them", async () => {
    const { code, stdout } = await start([])
    expect(code).toBe(0)
    expect(stdout).toContain("embedded fake API")
    expect(stdout).toContain('credits = "950"')
    expect(stdout).toMatch(/Balance\s+min-credits/)
    // The summary's cells are HTML-escaped for GitHub; shown here decoded.
    expect(stdout).toContain("active (sub_0123456789)")
    expect(stdout).not.toContain("sk_test_sociavault_demo")
  })

  it("then runs the post step with the state the main step saved, and shows the spend it reports", async () => {
    const { code, stdout } = await start([])
    expect(code).toBe(0)
    // The embedded fake API spends 25 credits per read: the main step's read is the job's spend.
    expect(stdout).toContain("notice: SociaVault credits spent during this job: 25 (950 → 925")
    expect(stdout).toMatch(/Before\s+After\s+Spent/)
    expect(stdout).toContain("The post step passed (exit code 0).")
  })

  it("fails in the post step above --max-spend", async () => {
    const { code, stdout } = await start(["--max-spend", "10"])
    expect(code).toBe(1)
    expect(stdout).toContain("error: SociaVault credits spent during this job: 25, more than max-spend 10")
  })

  it("fails, with its exit code, below --min-credits", async () => {
    const { code, stdout } = await start(["--min-credits", "5000"])
    expect(code).toBe(1)
    expect(stdout).toContain("error: SociaVault balance is 950 credits, below min-credits 5000")
  })

  it("an unknown flag is one line and the usage, never a stack trace", async () => {
    const { code, stderr } = await start(["--bogus"])
    expect(code).toBe(2)
    expect(stderr.split("\n")[0]).toMatch(/^npm start: Unknown option '--bogus'/)
    expect(stderr).toContain("--min-credits N")
    expect(stderr).not.toMatch(/\n\s+at /)
  })
})
