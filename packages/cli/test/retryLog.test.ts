/**
 * Retries on stderr (issue 13, item 6): the SDK logs each retry at Debug, marked with the rules' LOG_EVENT; the CLI
 * prints each as one `retry:` line on stderr and drops every other log line.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Rules from "@sociavault-credits/rules"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/testing/TestClock"
import * as TestConsole from "effect/testing/TestConsole"
import * as RetryLog from "../src/retryLog.js"
import { API_KEY, cli, OK } from "./harness.js"

const notice: Rules.RetryNotice = { attempt: 1, maxAttempts: 4, waitMillis: 512, reason: "HTTP 503" }

/** A retry event as the SDKs log it. */
const retryLogged = (n: Rules.RetryNotice) =>
  Effect.logDebug(Rules.Messages.retrying(n)).pipe(
    Effect.annotateLogs({ [Rules.LOG_EVENT.key]: Rules.LOG_EVENT.retry, ...n })
  )

/** What `effect` logs to stderr and stdout under the CLI's retry logger. */
const printed = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.gen(function* () {
    const console = yield* TestConsole.make
    yield* effect.pipe(Effect.provide(RetryLog.layer(API_KEY)), Effect.provideService(Console.Console, console))
    return { stderr: yield* console.errorLines, stdout: yield* console.logLines }
  })

describe("the CLI's retry logger", () => {
  it.effect("prints a retry event as one stderr line", () =>
    Effect.gen(function* () {
      const run = yield* printed(retryLogged(notice))
      expect(run.stderr).toStrictEqual(["retry: attempt 1 of 4 failed (HTTP 503); retrying in 0.51 s"])
      expect(run.stdout).toStrictEqual([])
    })
  )

  it.effect("drops every other log line, whatever its level", () =>
    Effect.gen(function* () {
      const run = yield* printed(
        Effect.all([
          Effect.logDebug("a debug line"),
          Effect.logInfo("an info line"),
          Effect.logWarning("a warning"),
          Effect.logDebug("marked as something else").pipe(Effect.annotateLogs({ [Rules.LOG_EVENT.key]: "other" }))
        ])
      )
      expect(run.stderr).toStrictEqual([])
      expect(run.stdout).toStrictEqual([])
    })
  )

  it.effect("scrubs the key and control characters from the line", () =>
    Effect.gen(function* () {
      const run = yield* printed(retryLogged({ ...notice, reason: `echoed ${API_KEY.slice(0, 12)} \u001b[2J` }))
      expect(run.stderr).toStrictEqual(["retry: attempt 1 of 4 failed (echoed [redacted] ?[2J); retrying in 0.51 s"])
    })
  )
})

describe("the CLI tells each retry on stderr, stdout stays the result", () => {
  // The SDK logs each retry with LOG_EVENT (both SDKs, conformance-tested); the CLI prints those and nothing else.
  it.effect("503, 503, 200 with --json: two retry lines on stderr, one JSON document on stdout", () =>
    Effect.gen(function* () {
      const fiber = yield* Effect.forkChild(cli(["--json"], { replies: [{ status: 503 }, { status: 503 }, OK] }))
      yield* TestClock.adjust("30 seconds")
      const run = yield* Fiber.join(fiber)
      expect(run.code).toBe(0)
      expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, credits: 950 })
      const lines = run.stderr.split("\n")
      expect(lines).toHaveLength(2)
      expect(lines[0]).toMatch(/^retry: attempt 1 of 4 failed \(.*503.*\); retrying in \d/)
      expect(lines[1]).toMatch(/^retry: attempt 2 of 4 failed \(.*503.*\); retrying in \d/)
    })
  )
})
