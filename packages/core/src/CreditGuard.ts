/**
 * A credit guard: run an effect only when the balance covers it. The balance is cached for a time to live, so a
 * service guarding thousands of effects asks SociaVault once per window, and concurrent callers share the one
 * request in flight.
 *
 * @example
 * ```ts
 * import { CreditGuard, SociaVaultClient } from "@sociavault-credits/core"
 * import { Effect, Layer } from "effect"
 * import { FetchHttpClient } from "effect/http"
 *
 * // Work that costs 20 credits: it starts only when the (cached) balance covers them.
 * const scrape = Effect.log("scraping a profile").pipe(CreditGuard.guard({ atLeast: 20 }))
 *
 * const program = Effect.gen(function* () {
 *   yield* scrape
 *   // Or ask for the balance itself, when it covers an amount.
 *   const balance = yield* CreditGuard.requireCredits(100)
 *   console.log(`${balance.credits} credits left`)
 * }).pipe(Effect.catchTag("InsufficientCredits", (e) => Effect.logWarning(`top up first: ${e.message}`)))
 *
 * // One balance read per minute at most, however many effects are guarded.
 * const Guard = CreditGuard.layer({ ttl: "1 minute" }).pipe(
 *   Layer.provide(SociaVaultClient.layerConfig()),
 *   Layer.provide(FetchHttpClient.layer)
 * )
 * Effect.runPromise(Effect.provide(program, Guard))
 * ```
 *
 * @since 2.0.0
 */
import * as Rules from "@sociavault-credits/rules"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Semaphore from "effect/Semaphore"
import type { CreditBalance } from "./CreditBalance.js"
import { checkDuration, creditAmount } from "./internal/options.js"
import { SociaVaultClient } from "./SociaVaultClient.js"
import type { InvalidOptions, SociaVaultError } from "./SociaVaultError.js"

/**
 * The balance does not cover what the guarded effect needs; raised before the effect starts.
 *
 * @since 2.0.0
 * @category errors
 */
export class InsufficientCredits extends Schema.TaggedError<InsufficientCredits>()("InsufficientCredits", {
  balance: Schema.Int,
  required: Schema.Int
}) {
  override get message(): string {
    return Rules.Messages.insufficientCredits(this.balance, this.required)
  }
}

/**
 * The guard's interface.
 *
 * @since 2.0.0
 * @category models
 */
export interface Service {
  /** The balance, from the cache while it is fresh. Failures are never cached. */
  readonly balance: Effect.Effect<CreditBalance, SociaVaultError>
  /**
   * Succeeds with the balance when it is at least `atLeast`, fails with InsufficientCredits otherwise. Throws
   * InvalidOptions, at the call, when `atLeast` is not a whole number >= 0.
   */
  readonly require: (atLeast: number) => Effect.Effect<CreditBalance, InsufficientCredits | SociaVaultError>
  /** Forgets the cached balance, e.g. after spending many credits at once. */
  readonly invalidate: Effect.Effect<void>
}

/**
 * The service tag of the guard.
 *
 * @since 2.0.0
 * @category tags
 */
export class CreditGuard extends Context.Service<CreditGuard, Service>()("@sociavault-credits/core/CreditGuard") {}

/**
 * The guard's options.
 *
 * @since 2.0.0
 * @category models
 */
export interface Options {
  /** How long a balance read is trusted: a positive duration of at most an hour. Default 30 seconds. */
  readonly ttl?: Duration.Input | undefined
}

/** The amount's name in an InvalidOptions. */
const AT_LEAST = "atLeast"

/** The read every caller shares: its fiber, and when it succeeded (undefined while it runs). */
interface SharedRead {
  fiber: Fiber.Fiber<CreditBalance, SociaVaultError> | undefined
  readAt: number | undefined
}

/**
 * Makes a guard on the SociaVault client in the context. Fails with `InvalidOptions` when `ttl` is not a positive
 * duration of at most an hour.
 *
 * The balance is read in a fiber of its own, detached from every caller, and callers wait for it: a caller that is
 * interrupted (its own timeout) stops waiting, and only its own work is lost; the others get the balance.
 * (`Effect.cachedInvalidateWithTTL` runs the lookup in the first caller's fiber, whose interruption all share.)
 *
 * @since 2.0.0
 * @category constructors
 */
export const make = (options: Options = {}): Effect.Effect<Service, InvalidOptions, SociaVaultClient> =>
  Effect.gen(function* () {
    const client = yield* SociaVaultClient
    const ttlMillis = yield* checkDuration("ttl", options.ttl ?? Duration.seconds(Rules.GUARD_TTL_SECONDS.default))
    const lock = yield* Semaphore.make(1)
    let shared: SharedRead | undefined

    // Under the lock: join the fresh or running read, or start one. A failed read is forgotten as soon as it ends
    // (never cached), so the next caller asks again instead of being refused on stale news.
    const startRead = Effect.gen(function* () {
      const read: SharedRead = { fiber: undefined, readAt: undefined }
      shared = read
      const fiber = yield* Effect.forkDetach(
        client.getCredits.pipe(
          Effect.tap(() =>
            Effect.flatMap(Clock.currentTimeMillis, (at) =>
              Effect.sync(() => {
                read.readAt = at
              })
            )
          ),
          Effect.onError(() =>
            Effect.sync(() => {
              if (shared === read) shared = undefined
            })
          )
        )
      )
      read.fiber = fiber
      return fiber
    })
    const currentRead = lock.withPermits(1)(
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        shared?.fiber !== undefined && (shared.readAt === undefined || now - shared.readAt < ttlMillis)
          ? Effect.succeed(shared.fiber)
          : startRead
      )
    )
    const balance = Effect.flatMap(currentRead, Fiber.join)
    const invalidate = lock.withPermits(1)(
      Effect.sync(() => {
        shared = undefined
      })
    )
    const require = (atLeast: number) => {
      const required = creditAmount(AT_LEAST, atLeast)
      return Effect.flatMap(balance, (read) =>
        read.credits >= required
          ? Effect.succeed(read)
          : Effect.fail(new InsufficientCredits({ balance: read.credits, required }))
      )
    }
    return CreditGuard.of({ balance, require, invalidate })
  })

/**
 * A layer of the guard over `SociaVaultClient`.
 *
 * @since 2.0.0
 * @category layers
 */
export const layer = (options: Options = {}): Layer.Layer<CreditGuard, InvalidOptions, SociaVaultClient> =>
  Layer.effect(CreditGuard, make(options))

/**
 * Fails with InsufficientCredits unless the (cached) balance is at least `atLeast`.
 *
 * `atLeast` must be a whole number >= 0: any other amount is a bug in the calling code, and throws InvalidOptions
 * (naming `atLeast`) where `requireCredits` is called, like a Schema class constructor given a bad value, so that
 * InvalidOptions is never in the error channel.
 *
 * @throws InvalidOptions when `atLeast` is not a whole number >= 0
 * @since 2.0.0
 * @category accessors
 */
export const requireCredits = (
  atLeast: number
): Effect.Effect<CreditBalance, InsufficientCredits | SociaVaultError, CreditGuard> => {
  const required = creditAmount(AT_LEAST, atLeast)
  return Effect.flatMap(CreditGuard, (guard) => guard.require(required))
}

/**
 * Runs `self` only when the balance covers `atLeast` credits; otherwise fails before `self` starts.
 *
 * `atLeast` is checked when `guard` is called: an amount that is not a whole number >= 0 throws InvalidOptions
 * there (see {@link requireCredits}), so a guarded effect's error channel gains only InsufficientCredits and the
 * SociaVaultErrors of reading the balance.
 *
 * @throws InvalidOptions when `atLeast` is not a whole number >= 0
 * @since 2.0.0
 * @category combinators
 */
export const guard = (options: {
  readonly atLeast: number
}): (<A, E, R>(
  self: Effect.Effect<A, E, R>
) => Effect.Effect<A, E | InsufficientCredits | SociaVaultError, R | CreditGuard>) => {
  const required = requireCredits(options.atLeast)
  return (self) => Effect.andThen(required, self)
}
