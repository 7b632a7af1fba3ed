/**
 * `sociavault-credits watch` from source, on the fake HttpClient under the TestClock: the line (or JSON object)
 * of each reading, the backoff after failed readings, the setup errors that stop it, its flags, and that its
 * heavy modules are loaded only when it runs. As a process, scraped over HTTP: test/watch.e2e.test.ts.
 */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/testing/TestClock"
import { API_KEY, balanceBody, type Launched, launch, type Options, type Reply } from "./harness.js"

const balance = (credits: number, subscriptionStatus = "active"): Reply => ({
  status: 200,
  body: balanceBody({ credits, subscriptionStatus })
})

/**
 * Lets the event loop turn a few times: watch's module comes with `import()` and the fake's bodies are web streams,
 * both settled by the event loop, not by the TestClock. Then the reading is done and watch sleeps on the TestClock.
 */
const settle = Effect.promise(async () => {
  for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve))
})

/** Waits (a bounded while, in real time) for watch's first request: its module is loaded with `import()` first. */
const started = (launched: Launched) =>
  Effect.andThen(
    Effect.promise(async () => {
      for (let wait = 0; wait < 2_000 && launched.requests.length === 0; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    }),
    settle
  )

/** One second of the TestClock, and what watch does in it. */
const second = Effect.andThen(TestClock.adjust("1 second"), settle)

/** Starts watch, lets `steps` seconds pass one by one, stops it, and gives what it printed. */
const watchFor = (args: ReadonlyArray<string>, steps: number, options: Options = {}) =>
  Effect.gen(function* () {
    const launched = yield* launch(["watch", ...args], options)
    const fiber = yield* Effect.forkChild(launched.code)
    yield* started(launched)
    for (let step = 0; step < steps; step++) yield* second
    yield* Fiber.interrupt(fiber)
    return { stdout: yield* launched.stdout, stderr: yield* launched.stderr, requests: launched.requests }
  })

describe("watch: one line per reading", () => {
  it.effect("the balance, the change, the burn rate and the time to zero", () =>
    Effect.gen(function* () {
      const run = yield* watchFor(["--interval", "1"], 2, { replies: [balance(950), balance(945), balance(940)] })
      expect(run.stdout).toStrictEqual([
        "1970-01-01T00:00:00Z balance 950 credits, first reading, burn rate not known yet, time to zero not known yet",
        "1970-01-01T00:00:01Z balance 945 credits, -5 since the last reading, burn rate 18000/h, about 3m to zero",
        "1970-01-01T00:00:02Z balance 940 credits, -5 since the last reading, burn rate 18000/h, about 3m to zero"
      ])
      expect(run.stderr).toStrictEqual([])
      expect(run.requests).toHaveLength(3)
      expect(run.requests.every((request) => request.headers["x-api-key"] === API_KEY)).toBe(true)
    })
  )

  it.effect("reads every --interval seconds, 60 by default", () =>
    Effect.gen(function* () {
      const byDefault = yield* watchFor([], 119)
      expect(byDefault.requests).toHaveLength(2)
      const every10 = yield* watchFor(["--interval", "10"], 30)
      expect(every10.requests).toHaveLength(4)
    })
  )

  it.effect("a top-up is a rise, not a spend; a balance at zero says so", () =>
    Effect.gen(function* () {
      const topUp = yield* watchFor(["--interval", "1"], 1, { replies: [balance(950), balance(1950)] })
      expect(topUp.stdout[1]).toBe(
        "1970-01-01T00:00:01Z balance 1950 credits, +1000 since the last reading, burn rate 0/h, not falling"
      )
      const empty = yield* watchFor(["--interval", "1"], 1, {
        replies: [balance(5, "past_due"), balance(0, "past_due")]
      })
      // The second run of the test: its clock has moved on.
      expect(empty.stdout[1]?.replace(/^\S+ /, "")).toBe(
        "balance 0 credits, -5 since the last reading, burn rate 18000/h, at or below zero, subscription past_due"
      )
    })
  )

  it.effect("marks readings below --warn-credits and --min-credits, only when given", () =>
    Effect.gen(function* () {
      const replies = [balance(950), balance(945)]
      const marked = yield* watchFor(["--interval", "1", "--warn-credits", "1000", "--min-credits", "948"], 1, {
        replies
      })
      expect(marked.stdout[0]).toMatch(/time to zero not known yet; below --warn-credits$/)
      expect(marked.stdout[1]).toMatch(/about 3m to zero; below --warn-credits; below --min-credits$/)
      const plain = yield* watchFor(["--interval", "1"], 1, { replies })
      expect(plain.stdout.join("\n")).not.toContain("below")
    })
  )

  it.effect("--json: one JSON object per line, null where nothing is known yet", () =>
    Effect.gen(function* () {
      const run = yield* watchFor(["--interval", "1", "--json", "--min-credits", "948"], 1, {
        replies: [balance(950), balance(945)]
      })
      expect(run.stdout.map((line) => JSON.parse(line))).toStrictEqual([
        {
          time: "1970-01-01T00:00:00Z",
          credits: 950,
          change: null,
          burnRatePerHour: null,
          secondsToZero: null,
          subscriptionStatus: "active",
          belowMinimum: false,
          belowWarning: null
        },
        {
          time: "1970-01-01T00:00:01Z",
          credits: 945,
          change: -5,
          burnRatePerHour: 18000,
          secondsToZero: 189,
          subscriptionStatus: "active",
          belowMinimum: true,
          belowWarning: null
        }
      ])
    })
  )

  it.effect("the burn rate is over the last hour, not since the start", () =>
    Effect.gen(function* () {
      // 100 credits spent in the first minute, then nothing for two hours.
      const replies = [balance(1000), balance(900), balance(900)]
      const run = yield* watchFor(["--interval", "3600", "--json"], 7200, { replies })
      const last = JSON.parse(run.stdout.at(-1)!)
      expect(run.stdout).toHaveLength(3)
      expect(last.burnRatePerHour).toBe(0)
      expect(last.secondsToZero).toBe(null)
    })
  )
})

describe("watch: an API error is one stderr line, and watching goes on", () => {
  it.effect("the error, then the next reading", () =>
    Effect.gen(function* () {
      const run = yield* watchFor(["--interval", "1", "--max-retries", "0"], 2, {
        replies: [balance(950), { status: 401 }, balance(940)]
      })
      expect(run.stderr).toStrictEqual([
        "error: SociaVault rejected the API key (HTTP 401): check that the key is set, complete and not revoked (watching goes on; next reading in 1s)"
      ])
      expect(run.stdout).toHaveLength(2)
      expect(run.stdout[1]).toContain("balance 940 credits, -10 since the last reading")
      expect(run.stdout.join("") + run.stderr.join("")).not.toContain(API_KEY)
    })
  )

  it.effect("failures in a row wait twice as long each time, up to 300 seconds, and a success resets it", () =>
    Effect.gen(function* () {
      const launched = yield* launch(["watch", "--interval", "10", "--max-retries", "0"], {
        replies: [{ status: 503 }, { status: 503 }, { status: 503 }, balance(950), { status: 503 }, balance(940)]
      })
      const fiber = yield* Effect.forkChild(launched.code)
      yield* started(launched)
      // Reading at 0 (fails), 10 (fails), 30 (fails), 70 (succeeds), 80 (fails), 90.
      const seen: Array<number> = []
      for (let elapsed = 1; elapsed <= 90; elapsed++) {
        yield* second
        seen.push(launched.requests.length)
      }
      yield* Fiber.interrupt(fiber)
      const readingsAt = [0, ...seen.flatMap((count, i) => (count > (seen[i - 1] ?? 1) ? [i + 1] : []))]
      expect(readingsAt).toStrictEqual([0, 10, 30, 70, 80, 90])
      expect((yield* launched.stderr).map((line) => line.replace(/^.*\(watching/, "(watching"))).toStrictEqual([
        "(watching goes on; next reading in 10s)",
        "(watching goes on; next reading in 20s)",
        "(watching goes on; next reading in 40s)",
        "(watching goes on; next reading in 10s)"
      ])
    })
  )
})

describe("watch: stops at once on a setup error (exit 2)", () => {
  it.effect.each([
    ["unset", null],
    ["empty", ""]
  ] as const)("SOCIAVAULT_API_KEY %s: one line, no request", ([, key]) =>
    Effect.gen(function* () {
      const launched = yield* launch(["watch", "--interval", "1"], { key })
      const code = yield* launched.code
      expect(code).toBe(2)
      expect(yield* launched.stderr).toStrictEqual([
        "error: SOCIAVAULT_API_KEY is required: export the SociaVault API key in the environment"
      ])
      expect(launched.requests).toHaveLength(0)
    })
  )
})

describe("watch: bad flags are refused naming the flag, before any request", () => {
  const interval = "a whole number of seconds from 1 to 86400"
  const port = "a whole number from 0 to 65535"
  const host = "an IP address or a host name of this machine, such as 127.0.0.1 or 0.0.0.0"
  it.effect.each([
    ["--interval", "0", interval],
    ["--interval", "86401", interval],
    ["--interval", "1.5", interval],
    ["--interval", "-1", interval],
    ["--interval", "soon", interval],
    ["--metrics-port", "-1", port],
    ["--metrics-port", "65536", port],
    ["--metrics-port", "0x50", port],
    ["--metrics-port", "http", port],
    ["--metrics-host", "", host],
    ["--metrics-host", "a b", host],
    ["--metrics-host", "http://127.0.0.1", host],
    ["--min-credits", "-5", "a whole number >= 0"],
    ["--timeout", "0", "a number of seconds above 0 and up to 3600"],
    ["--base-url", "http://api.sociavault.com", "an absolute https URL"]
  ] as const)("%s %j", ([flag, value, expected]) =>
    Effect.gen(function* () {
      const launched = yield* launch(["watch", flag, value])
      expect(yield* launched.code).toBe(2)
      const stderr = yield* launched.stderr
      expect(stderr[0]).toContain(`error: ${flag} must be ${expected}`)
      expect(stderr.join("\n")).toContain("Run 'sociavault-credits watch --help' for the flags.")
      expect(yield* launched.stdout).toStrictEqual([])
      expect(launched.requests).toHaveLength(0)
    })
  )

  it.effect("accepts the edges of the ranges", () =>
    Effect.gen(function* () {
      for (const args of [
        ["--interval", "1"],
        ["--interval", "86400"]
      ]) {
        const run = yield* watchFor(args, 0)
        expect(run.stderr).toStrictEqual([])
        expect(run.requests).toHaveLength(1)
      }
    })
  )
})

/** The modules a source file imports statically (`import ... from "m"`, `import "m"`, `export ... from "m"`). */
const staticImports = (file: URL): Array<string> =>
  [...readFileSync(file, "utf8").matchAll(/^(?:import|export)\s(?:[^;"]*?from\s+)?"([^"]+)"/gm)]
    .filter((match) => !/^import\s+type\s/.test(match[0]))
    .map((match) => match[1]!)

/** Every module the executable loads before it runs anything: the static import graph of bin.ts. */
const loadedAtStart = (): Set<string> => {
  const seen = new Set<string>()
  const visit = (file: URL) => {
    for (const specifier of staticImports(file)) {
      if (!specifier.startsWith(".")) {
        seen.add(specifier)
        continue
      }
      const next = new URL(specifier.replace(/\.js$/, ".ts"), file)
      if (seen.has(next.href)) continue
      seen.add(next.href)
      visit(next)
    }
  }
  visit(new URL("../src/bin.ts", import.meta.url))
  return seen
}

describe("watch does not slow the one-off check", () => {
  it("the HTTP server, the Prometheus formatter and watch's loop are not loaded at start", () => {
    const modules = [...loadedAtStart()]
    expect(modules.some((module) => module.endsWith("/watch/command.ts"))).toBe(true)
    for (const lazy of [
      "@effect/platform-node/NodeHttpServer",
      "effect/observability/PrometheusMetrics",
      "effect/http/HttpRouter",
      "effect/http/HttpServer",
      "node:http"
    ]) {
      expect(modules, lazy).not.toContain(lazy)
    }
    expect(modules.filter((module) => /\/watch\/(run|metrics|reading)\.ts$/.test(module))).toStrictEqual([])
    expect(readFileSync(new URL("../src/watch/command.ts", import.meta.url), "utf8")).toContain('import("./run.js")')
  })
})
