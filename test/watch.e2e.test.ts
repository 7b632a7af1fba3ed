/**
 * `sociavault-credits watch` as a process (packages/cli/dist/bin.js, the compiled sources `tsc -b` leaves; the
 * bundle is rebuilt from the same sources) against the fake SociaVault API spending credits on each read: its
 * lines, its Prometheus metrics scraped over HTTP, an API error while it watches, its end on SIGTERM and SIGINT,
 * and its flags. The key must show nowhere.
 */
import { type ChildProcessByStdio, spawn } from "node:child_process"
import { once } from "node:events"
import type { Readable } from "node:stream"
import { DEMO_API_KEY, type FakeSociaVault, startFakeSociaVault } from "@sociavault-credits/fake-server"
import { afterEach, describe, expect, it } from "vitest"

const BIN = new URL("../packages/cli/dist/bin.js", import.meta.url).pathname

/** A process's run, generously bounded: a watch that ignores its signal fails on its exit code, not a timeout. */
const E2E_TIMEOUT = 40_000

let server: FakeSociaVault | undefined
const children: Array<ChildProcessByStdio<null, Readable, Readable>> = []
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL")
      await once(child, "close")
    }
  }
  await server?.close()
  server = undefined
})

/** A running CLI: its output so far, a wait for a condition on it, and its end. */
const start = (args: ReadonlyArray<string>, key: string | null = DEMO_API_KEY) => {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", NO_COLOR: "1" }
  if (key !== null) env.SOCIAVAULT_API_KEY = key
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] })
  children.push(child)
  const output = { stdout: "", stderr: "" }
  const waiters: Array<() => void> = []
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter()
  }
  child.stdout.on("data", (chunk: Buffer) => {
    output.stdout += chunk.toString()
    wake()
  })
  child.stderr.on("data", (chunk: Buffer) => {
    output.stderr += chunk.toString()
    wake()
  })
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => {
      wake()
      resolve({ code, signal })
    })
  )
  /** Resolves when `ready` holds of the output; rejects if the process ends first. */
  const until = async (ready: (out: typeof output) => boolean): Promise<void> => {
    while (!ready(output)) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`ended first: ${JSON.stringify(output)}`)
      }
      await new Promise<void>((resolve) => waiters.push(resolve))
    }
  }
  const lines = () => output.stdout.split("\n").filter((line) => line !== "")
  return { child, output, until, lines, closed }
}

type Running = ReturnType<typeof start>

/** The URL watch says it serves metrics on. */
const metricsUrl = async (watch: Running) => {
  await watch.until((out) => /serving metrics on (\S+)/.test(out.stderr))
  return /serving metrics on (\S+)/.exec(watch.output.stderr)![1]!
}

/** One sample's value from Prometheus text (`name{labels} value`). */
const sample = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

const scrape = async (url: string) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) })
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() }
}

const spending = async (spendPerRead: number) => {
  server = await startFakeSociaVault({ spendPerRead })
  return server
}

describe("sociavault-credits watch", () => {
  it("prints a line per reading, serves the metrics, ends on SIGTERM with 0", { timeout: E2E_TIMEOUT }, async () => {
    const api = await spending(5)
    const watch = start([
      "watch",
      "--interval",
      "1",
      "--base-url",
      api.url,
      "--metrics-port",
      "0",
      "--min-credits",
      "942",
      "--warn-credits",
      "2000"
    ])
    const url = await metricsUrl(watch)
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/)
    expect(url).not.toMatch(/:0\//)
    await watch.until(() => watch.lines().length >= 3)
    const [first, second, third] = watch.lines()
    expect(first).toMatch(
      /^\S+Z balance 950 credits, first reading, burn rate not known yet, time to zero not known yet; below --warn-credits$/
    )
    expect(second).toMatch(
      /^\S+Z balance 945 credits, -5 since the last reading, burn rate \d+\/h, about \S+( \S+)? to zero; below --warn-credits$/
    )
    expect(third).toMatch(
      /^\S+Z balance 940 credits, -5 since the last reading, .*; below --warn-credits; below --min-credits$/
    )

    const metrics = await scrape(url)
    expect(metrics.status).toBe(200)
    expect(metrics.type).toContain("text/plain; version=0.0.4")
    expect(metrics.text).toContain("# TYPE sociavault_credits gauge")
    const credits = sample(metrics.text, "sociavault_credits")
    // The balance last read: 940 or, if a reading came in between, a later one.
    expect(credits).toBeLessThanOrEqual(940)
    expect(credits! % 5).toBe(0)
    expect(sample(metrics.text, "sociavault_credits_watch_burn_rate_per_hour")).toBeGreaterThan(0)
    expect(metrics.text).toContain("# TYPE sociavault_credits_watch_burn_rate_per_hour gauge")
    // Every metric family once: two unlabelled samples of one name would be one series said twice.
    const families = metrics.text.split("\n").filter((line) => line.startsWith("# TYPE "))
    expect(new Set(families).size).toBe(families.length)
    const unlabelled = metrics.text
      .split("\n")
      .filter((line) => /^[a-z_]+ /.test(line))
      .map((line) => line.split(" ")[0])
    expect(new Set(unlabelled).size).toBe(unlabelled.length)
    const lastRead = sample(metrics.text, "sociavault_credits_last_success_timestamp_seconds")!
    expect(Math.abs(lastRead - Date.now() / 1000)).toBeLessThan(60)
    expect(sample(metrics.text, "sociavault_credits_below_minimum")).toBe(1)
    expect(sample(metrics.text, "sociavault_credits_below_warning")).toBe(1)
    expect(metrics.text).toContain("# TYPE sociavault_credits_read_errors_total counter")
    for (const kind of ["unauthorized", "not_found", "rate_limited", "server_error", "transport", "bad_body"]) {
      expect(sample(metrics.text, `sociavault_credits_read_errors_total{kind="${kind}"}`), kind).toBe(0)
    }
    expect((await fetch(url.replace(/\/metrics$/, "/other"))).status).toBe(404)

    watch.child.kill("SIGTERM")
    const end = await watch.closed
    expect(end).toStrictEqual({ code: 0, signal: null })
    for (const text of [watch.output.stdout, watch.output.stderr, metrics.text]) {
      expect(text).not.toContain(DEMO_API_KEY)
      expect(text).not.toContain(DEMO_API_KEY.slice(0, 8))
    }
  })

  it("--json: one JSON object per line; SIGINT ends it with 0", { timeout: E2E_TIMEOUT }, async () => {
    const api = await spending(20)
    const watch = start(["watch", "--interval", "1", "--base-url", api.url, "--json"])
    await watch.until(() => watch.lines().length >= 2)
    watch.child.kill("SIGINT")
    expect(await watch.closed).toStrictEqual({ code: 0, signal: null })
    const readings = watch.lines().map((line) => JSON.parse(line))
    expect(readings[0]).toMatchObject({ credits: 950, change: null, burnRatePerHour: null, secondsToZero: null })
    expect(readings[1]).toMatchObject({ credits: 930, change: -20, subscriptionStatus: "active" })
    expect(readings[1].burnRatePerHour).toBeGreaterThan(0)
    expect(readings[1].secondsToZero).toBeGreaterThan(0)
    expect(watch.output.stderr).toBe("")
  })

  it("an API error is one stderr line, counted by kind; watching goes on", { timeout: E2E_TIMEOUT }, async () => {
    const api = await spending(5)
    const watch = start([
      "watch",
      "--interval",
      "1",
      "--max-retries",
      "0",
      "--base-url",
      api.url,
      "--metrics-port",
      "0"
    ])
    const url = await metricsUrl(watch)
    await watch.until(() => watch.lines().length >= 1)
    api.enqueue({ kind: "status", status: 500, body: `{"error":"down, key ${DEMO_API_KEY}"}` })
    await watch.until((out) => out.stderr.includes("error: "))
    await watch.until(() => watch.lines().length >= 2)
    const errors = watch.output.stderr.split("\n").filter((line) => line.startsWith("error: "))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(
      /^error: SociaVault answered HTTP 500 after 1 attempt .*\(watching goes on; next reading in 1s\)$/
    )
    expect(watch.lines()[1]).toContain("balance 945 credits, -5 since the last reading")
    const metrics = await scrape(url)
    expect(sample(metrics.text, 'sociavault_credits_read_errors_total{kind="server_error"}')).toBe(1)
    watch.child.kill("SIGTERM")
    expect((await watch.closed).code).toBe(0)
    expect(watch.output.stdout + watch.output.stderr + metrics.text).not.toContain(DEMO_API_KEY)
  })

  it("a port it cannot listen on: one line naming the flags, exit 2", { timeout: E2E_TIMEOUT }, async () => {
    const api = await spending(0)
    const watch = start(["watch", "--base-url", api.url, "--metrics-port", String(api.port)])
    expect((await watch.closed).code).toBe(2)
    expect(watch.output.stderr).toBe(
      `error: cannot serve metrics on 127.0.0.1:${api.port} (EADDRINUSE): choose another --metrics-port or --metrics-host\n`
    )
  })

  it.each([
    [["--interval", "0"], '--interval must be a whole number of seconds from 1 to 86400, got "0"'],
    [["--metrics-port", "65536"], '--metrics-port must be a whole number from 0 to 65535, got "65536"']
  ])("refuses %j before any request, exit 2", { timeout: E2E_TIMEOUT }, async (args, message) => {
    const api = await spending(0)
    const watch = start(["watch", "--base-url", api.url, ...args])
    expect((await watch.closed).code).toBe(2)
    expect(watch.output.stderr).toContain(`error: ${message}`)
    expect(api.requests).toHaveLength(0)
  })

  it("a one-off check interrupted before its answer still exits 130, not 0", { timeout: E2E_TIMEOUT }, async () => {
    const api = await spending(0)
    api.enqueue({ kind: "hang" })
    const check = start(["--base-url", api.url])
    await api.waitForRequests(1)
    check.child.kill("SIGINT")
    expect((await check.closed).code).toBe(130)
  })
})

describe("npm run demo:watch (scripts/demo-watch.js)", () => {
  it("stops on Ctrl-C with 0, leaving neither the fake API nor watch running", { timeout: E2E_TIMEOUT }, async () => {
    const demo = spawn(process.execPath, [new URL("../scripts/demo-watch.js", import.meta.url).pathname], {
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"]
    })
    children.push(demo)
    let output = ""
    for (const stream of [demo.stdout, demo.stderr]) {
      stream.on("data", (chunk: Buffer) => {
        output += chunk.toString()
      })
    }
    // The readings come on stdout, after the demo's lines on stderr.
    while (!/balance \d+ credits/.test(output)) await once(demo.stdout, "data")
    const api = /fake SociaVault API on (\S+)/.exec(output)![1]!
    const metrics = /serving metrics on (\S+)/.exec(output)![1]!
    demo.kill("SIGINT")
    const [code] = (await once(demo, "close")) as [number | null]
    expect(code).toBe(0)
    for (const url of [`${api}/v1/credits`, metrics]) {
      await expect(fetch(url, { signal: AbortSignal.timeout(5_000) }), url).rejects.toThrow()
    }
  })
})
