import { describe, expect, it } from "@effect/vitest"
import { CreditGuard } from "@sociavault-credits/core"
import { type Duration, Effect, Layer, Ref, TestClock } from "effect"
import { clientOn, okBody, type Reply } from "./fakeHttpClient.js"

/** A guard over a client whose HTTP answers `replies`; `requests` counts the API calls. */
const guardOn = (replies: ReadonlyArray<Reply>, ttl: Duration.DurationInput = "1 minute") => {
  const { layer, requests } = clientOn(replies, { maxRetries: 0 })
  return { requests, layer: CreditGuard.layer({ ttl }).pipe(Layer.provide(layer)) }
}

describe("CreditGuard", () => {
  it.effect("runs the effect when the balance covers it", () =>
    Effect.gen(function* () {
      const { layer } = guardOn([{ status: 200, body: okBody }])
      const result = yield* Effect.succeed("scraped").pipe(CreditGuard.guard({ atLeast: 20 }), Effect.provide(layer))
      expect(result).toBe("scraped")
    })
  )

  it.effect("fails with InsufficientCredits before the effect starts", () =>
    Effect.gen(function* () {
      const { layer } = guardOn([{ status: 200, body: okBody }])
      const started = yield* Ref.make(false)
      const error = yield* Ref.set(started, true).pipe(
        CreditGuard.guard({ atLeast: 951 }),
        Effect.flip,
        Effect.provide(layer)
      )
      expect(error).toMatchObject({ _tag: "InsufficientCredits", balance: 950, required: 951 })
      expect(error.message).toContain("950 credits, but 951 are required")
      expect(yield* Ref.get(started)).toBe(false)
    })
  )

  it.effect("1,000 concurrent guarded effects in one TTL window make exactly one API call", () =>
    Effect.gen(function* () {
      const { layer, requests } = guardOn([{ status: 200, body: okBody }])
      const results = yield* Effect.all(
        Array.from({ length: 1000 }, (_, i) => Effect.succeed(i).pipe(CreditGuard.guard({ atLeast: 20 }))),
        { concurrency: "unbounded" }
      ).pipe(Effect.provide(layer))
      expect(results).toHaveLength(1000)
      expect(requests).toHaveLength(1)
    })
  )

  it.effect("asks again once the TTL has passed", () =>
    Effect.gen(function* () {
      const { layer, requests } = guardOn([{ status: 200, body: okBody }], "30 seconds")
      yield* Effect.gen(function* () {
        yield* CreditGuard.requireCredits(1)
        yield* TestClock.adjust("29 seconds")
        yield* CreditGuard.requireCredits(1)
        expect(requests).toHaveLength(1)
        yield* TestClock.adjust("2 seconds")
        yield* CreditGuard.requireCredits(1)
        expect(requests).toHaveLength(2)
      }).pipe(Effect.provide(layer))
    })
  )

  it.effect("does not cache an error as a balance", () =>
    Effect.gen(function* () {
      const { layer, requests } = guardOn([{ status: 503 }, { status: 200, body: okBody }])
      yield* Effect.gen(function* () {
        const first = yield* Effect.flip(CreditGuard.requireCredits(1))
        expect(first._tag).toBe("ServerError")
        const second = yield* CreditGuard.requireCredits(1)
        expect(second.credits).toBe(950)
        expect(requests).toHaveLength(2)
      }).pipe(Effect.provide(layer))
    })
  )

  it.effect("invalidate forgets the cached balance", () =>
    Effect.gen(function* () {
      const { layer, requests } = guardOn([{ status: 200, body: okBody }])
      yield* Effect.gen(function* () {
        const guard = yield* CreditGuard.CreditGuard
        yield* guard.balance
        yield* guard.invalidate
        yield* guard.balance
        expect(requests).toHaveLength(2)
      }).pipe(Effect.provide(layer))
    })
  )

  it.effect.each([-1, 1.5, Number.NaN])("refuses atLeast %s without asking the API", (atLeast) =>
    Effect.gen(function* () {
      const { layer, requests } = guardOn([{ status: 200, body: okBody }])
      const error = yield* Effect.flip(Effect.provide(CreditGuard.requireCredits(atLeast), layer))
      expect(error._tag).toBe("InvalidOptions")
      expect(error.message).toContain("atLeast must be a whole number >= 0")
      expect(requests).toHaveLength(0)
    })
  )
})
