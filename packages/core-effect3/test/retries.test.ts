import { describe, expect, it } from "@effect/vitest"
import { SociaVaultClient } from "@sociavault-credits/core"
import { Duration, Effect, Exit, Fiber, TestClock } from "effect"
import { clientOn, okBody, type Reply } from "./fakeHttpClient.js"

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

describe("retries (TestClock, no real waiting)", () => {
  it.effect("a 503 is retried with exponential backoff and jitter, then succeeds", () =>
    Effect.gen(function* () {
      const { fiber, requests, at } = yield* start([{ status: 503 }, { status: 503 }, { status: 200, body: okBody }])
      expect(requests).toHaveLength(1)
      // First wait: 500 ms ± 20 %.
      expect(yield* at(399)).toBe(1)
      expect(yield* at(600)).toBe(2)
      // Second wait doubles: 1 s ± 20 %, so no third attempt before 400 + 800 ms.
      expect(yield* at(1199)).toBe(2)
      expect(yield* at(1800)).toBe(3)
      const balance = yield* Fiber.join(fiber)
      expect(balance.credits).toBe(950)
    })
  )

  it.effect("the backoff is capped at 8 seconds", () =>
    Effect.gen(function* () {
      const { fiber, at } = yield* start([{ status: 502 }], { maxRetries: 7, timeout: "10 minutes" })
      // Waits at most 0.6 + 1.2 + 2.4 + 4.8 + 8 + 8 + 8 s; uncapped, the 6th wait alone would be at least 12.8 s.
      expect(yield* at(33_000)).toBe(8)
      const error = yield* Effect.flip(Fiber.join(fiber))
      expect(error).toMatchObject({ _tag: "ServerError", status: 502, attempts: 8 })
    })
  )

  it.effect("retries stop after maxRetries and the error counts the attempts", () =>
    Effect.gen(function* () {
      const { fiber, at } = yield* start([{ status: 500 }], { maxRetries: 2 })
      expect(yield* at(10_000)).toBe(3)
      const error = yield* Effect.flip(Fiber.join(fiber))
      expect(error).toMatchObject({ _tag: "ServerError", status: 500, attempts: 3 })
      expect(error.message).toContain("3 attempts")
    })
  )

  it.effect("maxRetries 0 makes exactly one attempt", () =>
    Effect.gen(function* () {
      const { fiber, requests } = yield* start([{ status: 503 }], { maxRetries: 0 })
      const error = yield* Effect.flip(Fiber.join(fiber))
      expect(error._tag).toBe("ServerError")
      expect(requests).toHaveLength(1)
    })
  )

  it.effect.each([
    ["408", { status: 408 }],
    ["429 without Retry-After", { status: 429 }],
    ["504", { status: 504 }],
    ["a transport failure", { fail: "transport" }]
  ] as const)("%s is retried", ([, reply]) =>
    Effect.gen(function* () {
      const { fiber, at } = yield* start([reply, { status: 200, body: okBody }])
      expect(yield* at(600)).toBe(2)
      expect((yield* Fiber.join(fiber)).credits).toBe(950)
    })
  )

  it.effect("a 501 is not retried: the server says it will never do this", () =>
    Effect.gen(function* () {
      const { fiber, requests } = yield* start([{ status: 501 }])
      expect((yield* Effect.flip(Fiber.join(fiber)))._tag).toBe("ServerError")
      expect(requests).toHaveLength(1)
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

  it.effect("a Retry-After longer than the time left fails at once with RateLimited", () =>
    Effect.gen(function* () {
      const { fiber, requests } = yield* start([{ status: 429, headers: { "retry-after": "60" } }], {
        timeout: "30 seconds"
      })
      // No clock movement: the fiber must already be done.
      const exit = yield* Fiber.poll(fiber)
      expect(exit._tag).toBe("Some")
      const error = yield* Effect.flip(Fiber.join(fiber))
      expect(error._tag).toBe("RateLimited")
      expect(error._tag === "RateLimited" && Duration.toSeconds(error.retryAfter!)).toBe(60)
      expect(error.message).toContain("1m")
      expect(requests).toHaveLength(1)
    })
  )

  it.effect("each attempt has its own timeout, and a hung attempt is retried", () =>
    Effect.gen(function* () {
      const { fiber, at } = yield* start([{ hang: true }, { status: 200, body: okBody }], {
        attemptTimeout: "2 seconds"
      })
      expect(yield* at(1_999)).toBe(1)
      expect(yield* at(2_600)).toBe(2)
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
      expect(error.message).toContain("25s")
    })
  )
})
