/**
 * The `sociavault-fake-server` command (packages/fake-server/dist/cli.js, as `npm run build` leaves it), spawned
 * and asked over real HTTP: its URL on stdout, the balance and key from its flags, faults in order, one-line
 * errors for bad flags and a taken port.
 */
import { type ChildProcessByStdio, spawn } from "node:child_process"
import { once } from "node:events"
import { createServer } from "node:net"
import type { Readable } from "node:stream"
import { DEMO_API_KEY } from "@sociavault-credits/fake-server"
import { afterEach, describe, expect, it } from "vitest"
import { runNode } from "../../../test/support/runNode.js"

const BIN = new URL("../dist/cli.js", import.meta.url).pathname

/** Runs the command to its end (bad flags, --help). */
const run = (args: ReadonlyArray<string>) => runNode([BIN, ...args])

let running: ChildProcessByStdio<null, Readable, Readable> | undefined
afterEach(async () => {
  if (running !== undefined && running.exitCode === null) {
    running.kill("SIGTERM")
    await once(running, "close")
  }
  running = undefined
})

/** Starts the server and resolves with the URL it prints first, and its stderr so far. */
const start = async (args: ReadonlyArray<string>) => {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] })
  running = child
  let stderr = ""
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  let stdout = ""
  while (!stdout.includes("\n")) {
    const [chunk] = (await Promise.race([once(child.stdout, "data"), once(child, "close")])) as [Buffer | number]
    if (!Buffer.isBuffer(chunk)) throw new Error(`the server exited before printing its URL: ${stderr}`)
    stdout += chunk.toString()
  }
  return { url: stdout.split("\n")[0]!, child, stderr: () => stderr }
}

// A time limit, so a fault out of order (a hang) fails an assertion rather than the test's timeout.
const get = (url: string, key: string | null = DEMO_API_KEY) =>
  fetch(`${url}/v1/credits`, {
    headers: key === null ? {} : { "x-api-key": key },
    redirect: "manual",
    signal: AbortSignal.timeout(5_000)
  })

describe("sociavault-fake-server", () => {
  it("prints its URL alone on stdout's first line, answers the demo key, and stops on SIGTERM", async () => {
    const { url, child, stderr } = await start([])
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(url).not.toMatch(/:0$/)
    const response = await get(url)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      credits: 950,
      subscriptionStatus: "active",
      subscriptionId: "sub_0123456789"
    })
    expect((await get(url, "sk_other")).status).toBe(401)
    expect(stderr()).toContain(`listening on ${url}`)
    child.kill("SIGTERM")
    const [code] = await once(child, "close")
    expect(code).toBe(0)
  })

  it("serves the balance, status, subscription id and key given by its flags", async () => {
    const { url } = await start([
      "--credits=-5",
      "--status",
      "past_due",
      "--subscription-id",
      "",
      "--key",
      "sk_test_mine"
    ])
    const response = await get(url, "sk_test_mine")
    expect(await response.json()).toEqual({ credits: -5, subscriptionStatus: "past_due", subscriptionId: null })
    expect((await get(url)).status).toBe(401)
  })

  it("listens on the port it is given", async () => {
    const probe = createServer().listen(0, "127.0.0.1")
    await once(probe, "listening")
    const { port } = probe.address() as { port: number }
    await new Promise((resolve) => probe.close(resolve))
    const { url } = await start(["--port", String(port), "--host", "127.0.0.1"])
    expect(url).toBe(`http://127.0.0.1:${port}`)
    expect((await get(url)).status).toBe(200)
  })

  it("answers the next requests with the faults given, in order, then normally", async () => {
    const { url, stderr } = await start([
      "--fault",
      "503",
      "--fault",
      "rate-limit:2",
      "--fault",
      "500:7",
      "--fault",
      "reset",
      "--fault",
      "bad-body",
      "--fault",
      "redirect:https://elsewhere.example/v1/credits",
      "--fault",
      "hang"
    ])
    const unavailable = await get(url)
    expect(unavailable.status).toBe(503)
    const limited = await get(url)
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "2"])
    const failed = await get(url)
    expect([failed.status, failed.headers.get("retry-after")]).toEqual([500, "7"])
    await expect(get(url)).rejects.toThrow()
    const bad = await get(url)
    expect(bad.status).toBe(200)
    await expect(bad.json()).rejects.toThrow()
    const redirect = await get(url)
    expect([redirect.status, redirect.headers.get("location")]).toEqual([302, "https://elsewhere.example/v1/credits"])
    await expect(
      fetch(`${url}/v1/credits`, { headers: { "x-api-key": DEMO_API_KEY }, signal: AbortSignal.timeout(300) })
    ).rejects.toThrow()
    expect((await get(url)).status).toBe(200)
    expect(stderr()).toContain("request 1: GET /v1/credits (fault: 503)")
    expect(stderr()).toContain("request 2: GET /v1/credits (fault: 429 with Retry-After 2)")
  })

  it("lists every flag and fault in --help", async () => {
    const { code, stdout, stderr } = await run(["--help"])
    expect([code, stderr]).toEqual([0, ""])
    for (const flag of ["--port", "--host", "--key", "--credits", "--status", "--subscription-id", "--fault"]) {
      expect(stdout).toContain(flag)
    }
    for (const fault of ["NNN:SECONDS", "rate-limit[:SECONDS]", "hang", "reset", "bad-body", "redirect:URL"]) {
      expect(stdout).toContain(fault)
    }
  })

  it.each([
    [["--port", "70000"], '--port must be a whole number from 0 to 65535, got "70000"'],
    [["--port", "80a"], '--port must be a whole number from 0 to 65535, got "80a"'],
    [["--credits", "1.5"], '--credits must be a whole number, got "1.5"'],
    [["--credits", "-5"], "To specify an option argument starting with a dash use '--credits=-XYZ'"],
    [["--status", "gone"], '--status must be one of active, inactive, cancelled, past_due, got "gone"'],
    [["--key", ""], "--key must be a non-empty key without spaces"],
    [
      ["--fault", "teapot"],
      '--fault takes NNN (400 to 599), NNN:SECONDS, rate-limit[:SECONDS], hang, reset, bad-body or redirect:URL, got "teapot"'
    ],
    [["--fault", "200"], 'got "200"'],
    [["--fault", "rate-limit:soon"], 'Retry-After must be a whole number of seconds, got "soon"'],
    [["--fault", "redirect:elsewhere"], "the redirect needs an absolute URL"],
    [["--bogus"], "Unknown option '--bogus'"],
    [["8787"], "Unexpected argument '8787'"]
  ])("refuses %j with one line naming the flag, and exit code 2", async (args, message) => {
    const { code, stdout, stderr } = await run(args)
    expect(code).toBe(2)
    expect(stdout).toBe("")
    expect(stderr.trimEnd().split("\n")).toHaveLength(1)
    expect(stderr).toMatch(/^sociavault-fake-server: /)
    expect(stderr).toContain(message)
  })

  it("--spend N: the balance falls by N after each successful read, not after a refused one", async () => {
    const { url, stderr } = await start(["--credits", "100", "--spend", "7"])
    const credits = async (key?: string | null) => {
      const response = await get(url, key)
      return response.status === 200 ? ((await response.json()) as { credits: number }).credits : response.status
    }
    expect(await credits()).toBe(100)
    expect(await credits()).toBe(93)
    expect(await credits("sk_wrong")).toBe(401)
    expect(await credits()).toBe(86)
    expect(stderr()).toContain("spending 7 per read")
  })

  it("refuses a --spend that is not a whole number >= 0", async () => {
    const { code, stderr } = await run(["--spend", "1.5"])
    expect(code).toBe(2)
    expect(stderr).toContain('--spend must be a whole number from 0 to 1000000000, got "1.5"')
  })

  it("says in one line that its port is taken", async () => {
    const taken = createServer().listen(0, "127.0.0.1")
    await once(taken, "listening")
    const { port } = taken.address() as { port: number }
    try {
      const { code, stderr } = await run(["--port", String(port)])
      expect(code).toBe(1)
      expect(stderr).toBe(
        `sociavault-fake-server: port ${port} on 127.0.0.1 is in use; pick another with --port (0 for any free one)\n`
      )
    } finally {
      await new Promise((resolve) => taken.close(resolve))
    }
  })
})
