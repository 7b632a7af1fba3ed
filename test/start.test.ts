/**
 * The README's first Quickstart command: `npm start` runs the bundled action against the embedded fake API when
 * SOCIAVAULT_API_KEY is unset, and prints its outputs and summary.
 */
import { spawn } from "node:child_process"
import { describe, expect, it } from "vitest"

const start = (args: ReadonlyArray<string>) =>
  new Promise<{ code: number | null; stdout: string }>((resolve) => {
    const { SOCIAVAULT_API_KEY: _, ...env } = process.env
    const child = spawn(process.execPath, ["scripts/start.js", ...args], { env, stdio: ["ignore", "pipe", "inherit"] })
    let stdout = ""
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.on("close", (code) => resolve({ code, stdout }))
  })

describe("npm start", () => {
  it("checks the embedded fake API and prints outputs and summary", async () => {
    const { code, stdout } = await start([])
    expect(code).toBe(0)
    expect(stdout).toContain("embedded fake API")
    expect(stdout).toContain('credits = "950"')
    expect(stdout).toMatch(/Balance\s+min-credits/)
    expect(stdout).not.toContain("sk_test_sociavault_demo")
  })

  it("fails, with its exit code, below --min-credits", async () => {
    const { code, stdout } = await start(["--min-credits", "5000"])
    expect(code).toBe(1)
    expect(stdout).toContain("error: SociaVault balance is 950 credits, below min-credits 5000")
  })
})
