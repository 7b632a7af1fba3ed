/**
 * The retry schedule's timing on the TestClock (no real waiting): backoff, jitter, cap, Retry-After and the overall
 * timeout, with the numbers of @sociavault-credits/rules. Which failures are retried, and how often, is checked
 * over real HTTP by the conformance suite.
 */
import { SociaVaultClient } from "@sociavault-credits/core-effect3"
import * as Rules from "@sociavault-credits/rules"
import { Duration, Effect, Exit, Fiber, TestClock } from "effect"
import { describe, expect } from "vitest"
import { clientOn, okBody, type Reply } from "./fakeHttpClient.js"
import { it } from "./support/effectTest.js"

/**
 * Starts getCredits in the background on the TestClock; `at(ms)` moves virtual time to `ms` after the start and
 * reports how many requests were made by then.
 */
const start = (replies: ReadonlyArray<Reply>, options: Partial<SociaVaultClient.Options> = {}) =>
  Effect.gen(function* () {
    const { layer, requests } = clientOn(replies, options)
    const fiber = yield* Effect.fork(Effect.provide(SociaVaultClient.getCredits, layer))
    let now = 0
    const at = (ms: number) =>
      Effect.gen(function* () {
        yield* TestClock.adjust(Duration.millis(ms - now))
        now = ms
        return requests.length
      })
    yield* at(0)
    return { fiber, requests, at }
  })

/** The shortest and longest backoff before retry number `retry`, as the shared rule has it. */
const earliest = (retry: number) => Rules.backoffMillis(retry, 0)
const latest = (retry: number) => Rules.backoffMillis(retry, 1)

describe("retry timing (TestClock)", () => {
  it.effect("a 503 is retried with exponential backoff and jitter, then succeeds", () =>
    Effect.gen(function* () {
      const { fiber, requests, at } = yield* start([{ status: 503 }, { status: 503 }, { status: 200, body: okBody }])
      expect(requests).toHaveLength(1)
      // First wait: BACKOFF.baseMillis within the jitter.
      expect(yield* at(earliest(1) - 1)).toBe(1)
      expect(yield* at(latest(1))).toBe(2)
      // The second wait is BACKOFF.factor times longer.
      expect(yield* at(earliest(1) + earliest(2) - 1)).toBe(2)
      expect(yield* at(latest(1) + latest(2))).toBe(3)
      const balance = yield* Fiber.join(fiber)
      expect(balance.credits).toBe(950)
    })
  )

  it.effect(`the backoff is capped at ${Rules.BACKOFF.maxMillis} ms`, () =>
    Effect.gen(function* () {
      const { fiber, at } = yield* start([{ status: 502 }], { maxRetries: 7, timeout: "10 minutes" })
      const capped = Array.from({ length: 7 }, (_, i) => Math.min(latest(i + 1), Rules.BACKOFF.maxMillis))
      // Uncapped, the sixth wait alone would be at least 12.8 s.
      const { baseMillis, factor, jitterMin, maxMillis } = Rules.BACKOFF
      expect(baseMillis * factor ** 5 * jitterMin).toBeGreaterThan(maxMillis)
      expect(yield* at(capped.reduce((a, b) => a + b, 0))).toBe(8)
      const error = yield* Effect.flip(Fiber.join(fiber))
      expect(error).toMatchObject({ _tag: "ServerError", status: 502, attempts: 8 })
    })
  )

  it.effect("a 429's Retry-After in seconds sets the next delay", () =>
    Effect.gen(function* () {
      const { fiber, at } = yield* start([
        { status: 429, headers: { "retry-after": "5" } },
        { status: 200, body: okBody }
      ])
      expect(yield* at(4_999)).toBe(1)
      expect(yield* at(5_000)).toBe(2)
      expect((yield* Fiber.join(fiber)).credits).toBe(950)
    })
  )

  it.effect("a 503's Retry-After as an HTTP date sets the next delay", () =>
    Effect.gen(function* () {
      // The TestClock starts at the epoch, so the date three seconds after it means "wait 3 s".
      const date = new Date(3_000).toUTCString()
      const { fiber, at } = yield* start([
        { status: 503, headers: { "retry-after": date } },
        { status: 200, body: okBody }
      ])
      expect(yield* at(2_999)).toBe(1)
      expect(yield* at(3_000)).toBe(2)
      expect((yield* Fiber.join(fiber)).credits).toBe(950)
    })
  )

  it.effect("the overall timeout bounds the call, retries included", () =>
    Effect.gen(function* () {
      // Attempts time out after 10 s (the default); the third is cut by the 25 s overall timeout.
      const { fiber, at } = yield* start([{ hang: true }], { timeout: "25 seconds", maxRetries: 5 })
      yield* at(24_999)
      expect((yield* Fiber.poll(fiber))._tag).toBe("None")
      // Jittered delays are fractional milliseconds: allow one for rounding.
      expect(yield* at(25_001)).toBe(3)
      const exit = yield* Fiber.await(fiber)
      expect(Exit.isFailure(exit)).toBe(true)
      const error = yield* Effect.flip(Fiber.join(fiber))
      expect(error).toMatchObject({ _tag: "TransportError", reason: "Timeout", attempts: 3 })
      expect(error.message).toBe(Rules.Messages.transport("Timeout", Rules.Messages.overallTimeout(25_000), 3))
    })
  )
})
