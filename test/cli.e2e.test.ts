/**
 * The CLI as `npm install -g @sociavault-credits/cli` installs it, the one-file bundle
 * (packages/cli/bin/sociavault-credits.js, built by `npm run package` and kept fresh by `npm run check-dist`), run
 * as a process against the fake SociaVault API: every exit code, --json, bad flags, --help, --version, proxies, and
 * a check that ends within its --timeout whatever the network does.
 */
import { spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { DEMO_API_KEY, type FakeSociaVault, type Fault, startFakeSociaVault } from "@sociavault-credits/fake-server"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { type ProxyBehaviour, startForwardProxy } from "./support/forwardProxy.js"
import { NOT_ON_THE_DIRECT_PATH, withLoadedBuiltins } from "./support/loadedBuiltins.js"

const BIN = new URL("../packages/cli/bin/sociavault-credits.js", import.meta.url).pathname

/** A 200 whose body stops after a few bytes and never ends. */
// biome-ignore lint/suspicious/noThenProperty: the fake server's name for how a streamed body ends
const STALLED_BODY: Fault = { kind: "stream", body: '{"credits":9', then: "stall" }

let server: FakeSociaVault
beforeEach(async () => {
  server = await startFakeSociaVault()
})
afterEach(() => server.close())

interface CliRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  readonly elapsedMillis: number
  /** Whether the process outlived `killAfterMillis` and was killed. */
  readonly killed: boolean
}

/**
 * Runs the CLI with only PATH, NO_COLOR=1 and SOCIAVAULT_API_KEY (`key`, unset when null) in its environment, plus
 * `options.env` (a variable set to undefined there is left out).
 */
const cli = (
  args: ReadonlyArray<string>,
  key: string | null = DEMO_API_KEY,
  options: { readonly env?: Record<string, string | undefined>; readonly killAfterMillis?: number } = {}
) =>
  new Promise<CliRun>((resolve) => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? "" }
    for (const [name, value] of Object.entries({ NO_COLOR: "1", ...options.env }))
      if (value !== undefined) env[name] = value
    if (key !== null) env.SOCIAVAULT_API_KEY = key
    const start = performance.now()
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] })
    let killed = false
    const deadline =
      options.killAfterMillis === undefined
        ? undefined
        : setTimeout(() => {
            killed = true
            child.kill("SIGKILL")
          }, options.killAfterMillis)
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on("close", (code) => {
      clearTimeout(deadline)
      resolve({ code, stdout, stderr, elapsedMillis: performance.now() - start, killed })
    })
  })

const against = () => ["--base-url", server.url]

describe("sociavault-credits CLI", () => {
  it("exits 0 at or above the thresholds, with readable output", async () => {
    const run = await cli([...against(), "--min-credits", "950"])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("SociaVault balance: 950 credits (subscription active, sub_0123456789)")
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
      subscriptionId: "sub_0123456789",
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

  it.each([
    ["NO_COLOR=1", { NO_COLOR: "1" }],
    ["NO_COLOR unset", { NO_COLOR: undefined }],
    ["FORCE_COLOR=1", { NO_COLOR: undefined, FORCE_COLOR: "1" }]
  ])("--help prints no escape codes when stdout is not a terminal: %s", async (_, env) => {
    const run = await cli(["--help"], null, { env })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("--min-credits")
    expect(run.stdout + run.stderr).not.toContain("\u001b")
  })

  it("--help shows every default", async () => {
    const run = await cli(["--help"], null)
    for (const fallback of [
      "(default 0)",
      "(default: no warning)",
      "(default: off)",
      "(default https://api.sociavault.com)",
      "(default 30)",
      "(default 3)"
    ]) {
      expect(run.stdout).toContain(fallback)
    }
  })

  it.each([["-v"], ["--version"]])("%s prints the package's version alone, on one line", async (flag) => {
    const { version } = JSON.parse(readFileSync(new URL("../packages/cli/package.json", import.meta.url), "utf8")) as {
      version: string
    }
    const run = await cli([flag], null)
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(`${version}\n`)
    expect(run.stderr).toBe("")
  })

  it.each([["--wizard"], ["--completions", "bash"], ["--log-level", "debug"]])(
    "has only the documented flags: %s is refused (exit 2)",
    async (...args) => {
      const run = await cli([...against(), ...args])
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(`error: `)
      expect(run.stdout).toBe("")
      expect(server.requests).toHaveLength(0)
    }
  )
})

describe("the CLI behind a proxy", () => {
  it("sends the request through HTTP_PROXY without NODE_USE_ENV_PROXY", async () => {
    const proxy = await startForwardProxy()
    try {
      const run = await cli(against(), DEMO_API_KEY, { env: { HTTP_PROXY: proxy.url } })
      expect(run.code).toBe(0)
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${server.port}`])
      expect(server.requests).toHaveLength(1)
      expect(run.stderr).toBe("")
    } finally {
      await proxy.close()
    }
  })

  it("without a proxy variable: node:http, and neither undici (ours or Node's), zlib, http2 nor webcrypto loaded", async () => {
    const proxy = await startForwardProxy()
    try {
      const direct = await withLoadedBuiltins((env) => cli(against(), DEMO_API_KEY, { env }))
      expect(direct.result.code).toBe(0)
      expect(NOT_ON_THE_DIRECT_PATH.filter((name) => direct.builtins.has(name))).toEqual([])
      const proxied = await withLoadedBuiltins((env) =>
        cli(against(), DEMO_API_KEY, { env: { ...env, HTTP_PROXY: proxy.url } })
      )
      expect(proxied.result.code).toBe(0)
      expect(proxied.builtins.has("zlib")).toBe(true)
    } finally {
      await proxy.close()
    }
  })

  it("reads the lower-case names too (http_proxy, no_proxy), and bypasses hosts in no_proxy", async () => {
    const proxy = await startForwardProxy()
    try {
      const bypassed = await cli(against(), DEMO_API_KEY, { env: { http_proxy: proxy.url, no_proxy: "127.0.0.1" } })
      expect(bypassed.code).toBe(0)
      expect(proxy.seen).toEqual([])
      const proxied = await cli(against(), DEMO_API_KEY, { env: { http_proxy: proxy.url } })
      expect(proxied.code).toBe(0)
      expect(proxy.seen).toHaveLength(1)
    } finally {
      await proxy.close()
    }
  })
})

/**
 * The check ends within --timeout plus a small constant, whatever the API or a proxy does. Each run is killed 10 s
 * past its timeout and the test's own timeout is larger still, so that a regression fails on the elapsed time.
 */
describe("the CLI ends within --timeout, whatever the network does", () => {
  const TIMEOUT_SECONDS = 2
  /** Node's start, the bundle's load and the exit, on a busy CI machine. */
  const SLACK_MILLIS = 1_500
  const KILL_AFTER_MILLIS = TIMEOUT_SECONDS * 1000 + 10_000

  const timed = (baseUrl: string, env: Record<string, string> = {}) =>
    cli(["--base-url", baseUrl, "--timeout", String(TIMEOUT_SECONDS)], DEMO_API_KEY, {
      env,
      killAfterMillis: KILL_AFTER_MILLIS
    })

  const expectEndsInTime = (run: CliRun) => {
    expect(run.killed).toBe(false)
    expect(run.elapsedMillis).toBeLessThan(TIMEOUT_SECONDS * 1000 + SLACK_MILLIS)
    expect(run.code).toBe(2)
    // One error line, after one `retry:` line per retry made.
    const lines = run.stderr.trimEnd().split("\n")
    expect(lines.at(-1)).toMatch(/^error: SociaVault /)
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^retry: attempt \d+ of \d+ failed /)
    expect(run.stdout + run.stderr).not.toContain(DEMO_API_KEY)
  }

  it("an API that never answers", { timeout: 20_000 }, async () => {
    server.enqueue(...Array.from({ length: 5 }, () => ({ kind: "hang" as const })))
    const run = await timed(server.url)
    expectEndsInTime(run)
    expect(run.stderr).toContain("did not answer in time")
  })

  it("a 200 whose body stalls half-way", { timeout: 20_000 }, async () => {
    server.enqueue(...Array.from({ length: 5 }, () => STALLED_BODY))
    expectEndsInTime(await timed(server.url))
    expect(server.requests.length).toBeGreaterThanOrEqual(1)
  })

  it.each([
    ["dropOnConnect", "a proxy that drops the connection on CONNECT"],
    ["silentOnConnect", "a proxy that never answers CONNECT"],
    ["stallAfterConnect", "a tunnel that stalls after 200 Connection Established"]
  ] as ReadonlyArray<[ProxyBehaviour, string]>)("%s: %s", { timeout: 20_000 }, async (behaviour) => {
    const proxy = await startForwardProxy({ behaviour })
    try {
      expectEndsInTime(await timed(server.url, { HTTP_PROXY: proxy.url }))
      // One CONNECT per attempt at most (--max-retries 3): never a reconnect loop.
      expect(proxy.seen.length).toBeGreaterThanOrEqual(1)
      expect(proxy.seen.length).toBeLessThanOrEqual(4)
      expect(server.requests).toHaveLength(0)
    } finally {
      await proxy.close()
    }
  })

  it("a tunnel that stalls during the TLS handshake (HTTPS_PROXY, an https API): destroyed when the check settles", {
    timeout: 20_000
  }, async () => {
    const proxy = await startForwardProxy({ behaviour: "stallAfterConnect" })
    try {
      // https to the loopback API: the TLS handshake goes into the tunnel, which answers nothing.
      const run = await cli(
        ["--base-url", `https://127.0.0.1:${server.port}`, "--timeout", String(TIMEOUT_SECONDS), "--max-retries", "0"],
        DEMO_API_KEY,
        { env: { HTTPS_PROXY: proxy.url }, killAfterMillis: KILL_AFTER_MILLIS }
      )
      expectEndsInTime(run)
      expect(run.stderr).toContain("did not answer in time")
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${server.port}`])
    } finally {
      await proxy.close()
    }
  })
})
