/**
 * CreditGuard on the TestClock (no real waiting): the time to live is measured on Effect's Clock, a failed read is
 * forgotten at once, and the shared read belongs to no caller. Its behaviour over real HTTP, the same for both SDKs,
 * is checked by the conformance suite; the error channels here by the type checker too.
 */
import {
  CreditGuard,
  SociaVaultClient,
  SociaVaultError,
  type SociaVaultMetrics
} from "@sociavault-credits/core-effect3"
import type * as Rules from "@sociavault-credits/rules"
import { Deferred, Duration, Effect, Exit, Fiber, Layer, TestClock } from "effect"
import { describe, expect, expectTypeOf } from "vitest"
import { clientOn, okBody, type Reply } from "./fakeHttpClient.js"
import { it } from "./support/effectTest.js"

/** A guard with these options over a client answering `replies`, and the requests it made. */
const guardOn = (replies: ReadonlyArray<Reply>, options: CreditGuard.Options = {}) => {
  const { layer, requests } = clientOn(replies, { maxRetries: 0 })
  return { guard: CreditGuard.layer(options).pipe(Layer.provide(layer)), requests }
}

describe("CreditGuard (TestClock)", () => {
  it.effect("trusts a balance for its ttl on Effect's Clock, then reads again", () =>
    Effect.gen(function* () {
      const { guard, requests } = guardOn([{ status: 200, body: okBody }], { ttl: "1 minute" })
      yield* Effect.gen(function* () {
        yield* CreditGuard.requireCredits(1)
        yield* TestClock.adjust(Duration.millis(59_999))
        yield* CreditGuard.requireCredits(1)
        expect(requests).toHaveLength(1)
        yield* TestClock.adjust(Duration.millis(1))
        yield* CreditGuard.requireCredits(1)
        expect(requests).toHaveLength(2)
      }).pipe(Effect.provide(guard))
    })
  )

  it.effect("forgets a failed read at once, with the clock standing still", () =>
    Effect.gen(function* () {
      const { guard, requests } = guardOn([{ status: 503 }, { status: 200, body: okBody }])
      yield* Effect.gen(function* () {
        const error = yield* Effect.flip(CreditGuard.requireCredits(1))
        expect(error).toMatchObject({ _tag: "ServerError", status: 503 })
        expect((yield* CreditGuard.requireCredits(1)).credits).toBe(950)
        expect(requests).toHaveLength(2)
      }).pipe(Effect.provide(guard))
    })
  )

  it.effect("a caller's own timeout ends only that caller; the read goes on for the others", () =>
    Effect.gen(function* () {
      // A read that takes 5 s (its answer released on the TestClock), and a first caller that gives up after 1 s.
      const answered = yield* Deferred.make<void>()
      const { layer, requests } = clientOn([{ status: 200, body: okBody }], { maxRetries: 0 })
      const slowClient = Layer.effect(
        SociaVaultClient.SociaVaultClient,
        Effect.map(SociaVaultClient.SociaVaultClient, (client) =>
          SociaVaultClient.SociaVaultClient.of({
            ...client,
            getCredits: Effect.zipRight(Deferred.await(answered), client.getCredits)
          })
        )
      ).pipe(Layer.provide(layer))
      yield* Effect.gen(function* () {
        const first = yield* Effect.fork(Effect.timeout(CreditGuard.requireCredits(1), Duration.seconds(1)))
        yield* Effect.yieldNow()
        const others = yield* Effect.forEach([1, 2, 3], () => Effect.fork(CreditGuard.requireCredits(1)))
        yield* TestClock.adjust(Duration.seconds(1))
        expect(Exit.isFailure(yield* Fiber.await(first))).toBe(true)
        yield* Deferred.succeed(answered, undefined)
        for (const other of others) expect((yield* Fiber.join(other)).credits).toBe(950)
        expect(requests).toHaveLength(1)
      }).pipe(Effect.provide(CreditGuard.layer().pipe(Layer.provide(slowClient))))
    })
  )
})

describe("the error channels", () => {
  it("InvalidOptions is no SociaVaultError: only building a client or a guard fails with it", () => {
    const invalid = new SociaVaultError.InvalidOptions({ option: "ttl", expected: "a duration" })
    expect(SociaVaultError.isSociaVaultError(invalid)).toBe(false)
    expect(SociaVaultError.isSociaVaultError(new SociaVaultError.Unauthorized({ status: 401 }))).toBe(true)

    type CallError = Effect.Effect.Error<typeof SociaVaultClient.getCredits>
    expectTypeOf<CallError>().toEqualTypeOf<SociaVaultError.SociaVaultError>()
    expectTypeOf<Extract<CallError, { readonly _tag: "InvalidOptions" }>>().toBeNever()
    expectTypeOf<
      Layer.Layer.Error<ReturnType<typeof CreditGuard.layer>>
    >().toEqualTypeOf<SociaVaultError.InvalidOptions>()
    expectTypeOf<
      Layer.Layer.Error<ReturnType<typeof SociaVaultClient.layer>>
    >().toEqualTypeOf<SociaVaultError.InvalidOptions>()
    // A guard's amount is checked where it is written (a bad one throws): InvalidOptions is in no guarded effect's
    // error channel.
    const guarded = Effect.succeed(1).pipe(CreditGuard.guard({ atLeast: 1 }))
    expectTypeOf<Effect.Effect.Error<typeof guarded>>().toEqualTypeOf<
      CreditGuard.InsufficientCredits | SociaVaultError.SociaVaultError
    >()
    expectTypeOf<Effect.Effect.Error<ReturnType<typeof CreditGuard.requireCredits>>>().toEqualTypeOf<
      CreditGuard.InsufficientCredits | SociaVaultError.SociaVaultError
    >()
    expectTypeOf<SociaVaultMetrics.Outcome>().toEqualTypeOf<Rules.Outcome>()
  })
})
