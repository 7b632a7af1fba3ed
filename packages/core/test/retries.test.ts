/**
 * The retry schedule in virtual time (TestClock): no test waits on a real clock. What is retried and how often is
 * in the conformance suite (test/conformance), shared with the Effect 3 SDK; this file checks the waits.
 */
import { describe, expect, it } from "@effect/vitest"
import { SociaVaultClient } from "@sociavault-credits/core"
import { BACKOFF } from "@sociavault-credits/rules"
import { Effect, Fiber, Random } from "effect"
import { TestClock } from "effect/testing"
import { clientOn, okBody, type Reply } from "./fakeHttpClient.js"

/** Pins the jitter: every random number the client draws is `value`. */
const withRandom = (value: number) =>
  Effect.provideService(Random.Random, { nextDoubleUnsafe: () => value, nextIntUnsafe: () => 0 })

/**
 * Starts getCredits in the background; `at(ms)` moves virtual time to `ms` after the start and reports how many
 * requests were made by then.
 */
const start = (replies: ReadonlyArray<Reply>, options: Partial<SociaVaultClient.Options> = {}, random = 0.5) =>
  Effect.gen(function* () {
    const { layer, requests } = clientOn(replies, options)
    const fiber = yield* Effect.forkChild(Effect.provide(SociaVaultClient.getCredits, layer).pipe(withRandom(random)))
    let now = 0
    const at = (ms: number) =>
      Effect.gen(function* () {
        yield* TestClock.adjust(ms - now)
        now = ms
        return requests.length
      })
    yield* at(0)
    return { fiber, requests, at }
  })

describe("retry waits (TestClock, pinned jitter)", () => {
  it.effect("backoff doubles from 500 ms: with the jitter factor at 1.0, retries at 500 ms and 1500 ms", () =>
    Effect.gen(function* () {
      const { fiber, at } = yield* start([{ status: 503 }, { status: 503 }, { status: 200, body: okBody }])
      expect(yield* at(0)).toBe(1)
      expect(yield* at(499)).toBe(1)
      expect(yield* at(500)).toBe(2)
      expect(yield* at(1499)).toBe(2)
      expect(yield* at(1500)).toBe(3)
      expect((yield* Fiber.join(fiber)).credits).toBe(950)
    })
  )

  it.effect.each([
    [0, BACKOFF.jitterMin],
    [0.999_999, BACKOFF.jitterMax]
  ])("jitter: a random draw of %s waits %s x the backoff", ([random, factor]) =>
    Effect.gen(function* () {
      const { fiber, at } = yield* start([{ status: 503 }, { status: 200, body: okBody }], {}, random)
      const wait = Math.ceil(BACKOFF.baseMillis * factor)
      expect(yield* at(wait - 2)).toBe(1)
      expect(yield* at(wait + 1)).toBe(2)
      yield* Fiber.join(fiber)
    })
  )

  it.effect("the backoff is capped at 8 seconds", () =>
    Effect.gen(function* () {
      const { fiber, at } = yield* start([{ status: 502 }], { maxRetries: 7, timeout: "10 minutes" })
      // Waits 0.5 + 1 + 2 + 4 + 8 + 8 + 8 s (capped); uncapped the 6th wait alone would be 16 s.
      expect(yield* at(31_499)).toBe(7)
      expect(yield* at(31_500)).toBe(8)
      const error = yield* Effect.flip(Fiber.join(fiber))
      expect(error).toMatchObject({ _tag: "ServerError", status: 502, attempts: 8 })
    })
  )

  it.effect("Retry-After replaces the backoff", () =>
    Effect.gen(function* () {
      const { fiber, at } = yield* start([
        { status: 429, headers: { "retry-after": "3" } },
        { status: 200, body: okBody }
      ])
      expect(yield* at(2_999)).toBe(1)
      expect(yield* at(3_000)).toBe(2)
      yield* Fiber.join(fiber)
    })
  )

  it.effect("a wait that would end past the deadline is not started: the last failure comes at once", () =>
    Effect.gen(function* () {
      const { fiber, at } = yield* start([{ status: 503 }], { maxRetries: 10, timeout: "2 seconds" })
      // Requests at 0, 0.5 s and 1.5 s; the next wait (2 s) would end after the 2 s deadline, so there is none.
      expect(yield* at(1_500)).toBe(3)
      const error = yield* Effect.flip(Fiber.join(fiber))
      // What the server last said, counted in requests actually sent; not a timeout of an attempt never made.
      expect(error).toMatchObject({ _tag: "ServerError", status: 503, attempts: 3 })
    })
  )

  it.effect("a non-transient failure is never retried, however long one waits", () =>
    Effect.gen(function* () {
      const { fiber, at } = yield* start([{ status: 401 }], { maxRetries: 10, timeout: "1 minute" })
      expect(yield* at(60_000)).toBe(1)
      expect((yield* Effect.flip(Fiber.join(fiber)))._tag).toBe("Unauthorized")
    })
  )
})
