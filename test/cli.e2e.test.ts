/**
 * The built CLI (packages/cli/dist/bin.js, as `npm run build` leaves it) run as a process against the fake
 * SociaVault API: every exit code, --json, bad flags, --help.
 */
import { spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { DEMO_API_KEY, type FakeSociaVault, startFakeSociaVault } from "@sociavault-credits/fake-server"
import { afterEach, beforeEach, describe, expect, it } from "vitest"

const BIN = new URL("../packages/cli/dist/bin.js", import.meta.url).pathname

let server: FakeSociaVault
beforeEach(async () => {
  server = await startFakeSociaVault()
})
afterEach(() => server.close())

const cli = (args: ReadonlyArray<string>, key: string | null = DEMO_API_KEY) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? "", NO_COLOR: "1" }
    if (key !== null) env.SOCIAVAULT_API_KEY = key
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on("close", (code) => resolve({ code, stdout, stderr }))
  })

const against = () => ["--base-url", server.url]

describe("sociavault-credits CLI", () => {
  it("exits 0 at or above the thresholds, with readable output", async () => {
    const run = await cli([...against(), "--min-credits", "950"])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("SociaVault balance: 950 credits (subscription active, sub_demo_1234567890)")
    expect(run.stdout).toContain("ok: at or above --min-credits 950")
  })

  it("exits 1 below --min-credits", async () => {
    const run = await cli([...against(), "--min-credits", "951"])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain("fail: below --min-credits 951")
  })

  it("warns below --warn-credits and still exits 0", async () => {
    const run = await cli([...against(), "--warn-credits", "1000"])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("warning: below --warn-credits 1000")
  })

  it("exits 1 on an inactive subscription with --require-active, 0 without", async () => {
    server.setBalance(DEMO_API_KEY, { credits: 5000, subscriptionStatus: "cancelled", subscriptionId: null })
    expect((await cli(against())).code).toBe(0)
    const strict = await cli([...against(), "--require-active"])
    expect(strict.code).toBe(1)
    expect(strict.stdout).toContain("subscription is cancelled")
  })

  it("does not pass the API's control characters to the terminal", async () => {
    server.setBalance(DEMO_API_KEY, { credits: 5, subscriptionStatus: "active", subscriptionId: "sub_\u001b[2Jx" })
    const run = await cli(against())
    expect(run.stdout).toContain("sub_?[2Jx")
    expect(run.stdout).not.toContain("\u001b")
  })

  it("prints one JSON object with --json", async () => {
    const run = await cli([...against(), "--min-credits", "1000", "--json"])
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      credits: 950,
      subscriptionStatus: "active",
      subscriptionId: "sub_demo_1234567890",
      minCredits: 1000,
      warnCredits: null,
      requireActive: false,
      belowMinimum: true,
      belowWarning: false,
      inactive: false
    })
  })

  it("exits 2 on a bad key, and --json reports the error", async () => {
    const run = await cli([...against(), "--json"], "sk_live_wrong")
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { _tag: "Unauthorized" } })
    expect(run.stdout + run.stderr).not.toContain("sk_live_wrong")
  })

  it("exits 2 without SOCIAVAULT_API_KEY, making no request", async () => {
    const run = await cli(against(), null)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("SOCIAVAULT_API_KEY is required")
    expect(server.requests).toHaveLength(0)
  })

  it("exits 2 on a network error", async () => {
    server.enqueue({ kind: "reset" })
    const run = await cli([...against(), "--max-retries", "0"])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("could not be reached")
  })

  it.each([
    [["--min-credits", "abc"], '--min-credits must be a whole number >= 0, got "abc"'],
    [["--min-credits", "0x10"], '--min-credits must be a whole number >= 0, got "0x10"'],
    [["--timeout", "0"], "--timeout must be a number of seconds above 0"],
    [["--min-credits", "-1"], "--min-credits must be a whole number >= 0"],
    [["--max-retries", "11"], "--max-retries must be a whole number from 0 to 10"],
    [["--base-url", "http://api.sociavault.com"], "--base-url must be an absolute https URL"],
    [["--bogus"], "--bogus"]
  ])("exits 2 on bad flags %j, making no request", async (args, message) => {
    const run = await cli([...(args.includes("--base-url") ? [] : against()), ...args])
    expect(run.code).toBe(2)
    expect(run.stdout + run.stderr).toContain(message)
    expect(server.requests).toHaveLength(0)
  })

  it("--help lists every flag and the exit codes", async () => {
    const run = await cli(["--help"], null)
    expect(run.code).toBe(0)
    for (const flag of [
      "--min-credits",
      "--warn-credits",
      "--require-active",
      "--base-url",
      "--timeout",
      "--max-retries",
      "--json"
    ]) {
      expect(run.stdout).toContain(flag)
    }
    expect(run.stdout).toContain("SOCIAVAULT_API_KEY")
    expect(run.stdout).toContain("Exit codes")
    // NO_COLOR is set and stdout is a pipe: plain text for logs.
    expect(run.stdout).not.toContain("\u001b")
  })

  it("--version prints the package's version", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../packages/cli/package.json", import.meta.url), "utf8")) as {
      version: string
    }
    const run = await cli(["--version"], null)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(version)
  })
})
