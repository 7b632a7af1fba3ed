/**
 * A credit guard: run an effect only when the balance covers it. The balance is cached for a time to live, so a
 * service guarding thousands of effects asks SociaVault once per window, and concurrent callers share the one
 * request in flight.
 *
 * @since 1.0.0
 */
import * as Rules from "@sociavault-credits/rules"
import * as Cache from "effect/Cache"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import type { CreditBalance } from "./CreditBalance.js"
import { check } from "./internal/options.js"
import { SociaVaultClient } from "./SociaVaultClient.js"
import type { InvalidOptions, SociaVaultError } from "./SociaVaultError.js"

/**
 * The balance does not cover what the guarded effect needs; raised before the effect starts.
 *
 * @since 1.0.0
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
 * @since 1.0.0
 * @category models
 */
export interface Service {
  /** The balance, from the cache while it is fresh. Failures are never cached. */
  readonly balance: Effect.Effect<CreditBalance, SociaVaultError>
  /** Succeeds with the balance when it is at least `atLeast`, fails with InsufficientCredits otherwise. */
  readonly require: (atLeast: number) => Effect.Effect<CreditBalance, InsufficientCredits | SociaVaultError>
  /** Forgets the cached balance, e.g. after spending many credits at once. */
  readonly invalidate: Effect.Effect<void>
}

/**
 * The service tag of the guard.
 *
 * @since 1.0.0
 * @category tags
 */
export class CreditGuard extends Context.Tag("@sociavault-credits/core-effect3/CreditGuard")<CreditGuard, Service>() {}

/**
 * The guard's options.
 *
 * @since 1.0.0
 * @category models
 */
export interface Options {
  /** How long a balance read is trusted. Default 30 seconds. */
  readonly ttl?: Duration.DurationInput | undefined
}

const BALANCE = "balance"

const checkAmount = (atLeast: number): Effect.Effect<number, InvalidOptions> =>
  check("atLeast", Rules.checkCredits(atLeast))

/**
 * Makes a guard on the SociaVault client in the context.
 *
 * @since 1.0.0
 * @category constructors
 */
export const make = (options: Options = {}): Effect.Effect<Service, never, SociaVaultClient> =>
  Effect.gen(function* () {
    const client = yield* SociaVaultClient
    const ttl = Duration.decode(options.ttl ?? Duration.seconds(Rules.GUARD_TTL_SECONDS.default))
    const cache = yield* Cache.makeWith({
      capacity: 1,
      lookup: (_: typeof BALANCE) => client.getCredits,
      timeToLive: (exit) => (Exit.isSuccess(exit) ? ttl : Duration.zero)
    })
    // A failure is dropped at once (a zero TTL alone still serves it until the clock moves): the next caller asks
    // again instead of being refused on stale news. Callers already waiting on that lookup share its error.
    const balance = Effect.tapError(cache.get(BALANCE), () => cache.invalidate(BALANCE))
    const require = (atLeast: number) =>
      Effect.flatMap(checkAmount(atLeast), (required) =>
        Effect.flatMap(balance, (read) =>
          read.credits >= required
            ? Effect.succeed(read)
            : Effect.fail(new InsufficientCredits({ balance: read.credits, required }))
        )
      )
    return CreditGuard.of({ balance, require, invalidate: cache.invalidate(BALANCE) })
  })

/**
 * A layer of the guard over `SociaVaultClient`.
 *
 * @since 1.0.0
 * @category layers
 */
export const layer = (options: Options = {}): Layer.Layer<CreditGuard, never, SociaVaultClient> =>
  Layer.effect(CreditGuard, make(options))

/**
 * Fails with InsufficientCredits unless the (cached) balance is at least `atLeast`.
 *
 * @since 1.0.0
 * @category accessors
 */
export const requireCredits = (
  atLeast: number
): Effect.Effect<CreditBalance, InsufficientCredits | SociaVaultError, CreditGuard> =>
  Effect.flatMap(CreditGuard, (guard) => guard.require(atLeast))

/**
 * Runs `self` only when the balance covers `atLeast` credits; otherwise fails before `self` starts.
 *
 * @since 1.0.0
 * @category combinators
 */
export const guard =
  (options: { readonly atLeast: number }) =>
  <A, E, R>(
    self: Effect.Effect<A, E, R>
  ): Effect.Effect<A, E | InsufficientCredits | SociaVaultError, R | CreditGuard> =>
    Effect.zipRight(requireCredits(options.atLeast), self)
