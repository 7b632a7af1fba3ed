/**
 * Retries made visible: the SDK tells each retry in a debug log marked with the shared LOG_EVENT annotation; here
 * each one becomes a `::debug::` line (shown when the job is re-run with debug logging), and they are counted so
 * that a check that needed retries can say so once in the log.
 */
import * as core from "@actions/core"
import { LOG_EVENT, Messages } from "@sociavault-credits/rules"
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import * as Logger from "effect/Logger"
import * as References from "effect/References"

/** The annotation that marks a retry notice, read off the log's fiber. */
const isRetryNotice = (fiber: Fiber.Fiber<unknown, unknown>): boolean =>
  fiber.getRef(References.CurrentLogAnnotations)[LOG_EVENT.key] === LOG_EVENT.retry

/**
 * Runs `effect` with the SDK's retry notices printed as `::debug::` lines, and returns how many there were beside
 * its result. Every other log of the SDK stays as the caller's loggers have it.
 */
export const withRetryNotices = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<readonly [A, number], E, R> =>
  Effect.suspend(() => {
    let retries = 0
    const notices = Logger.make<unknown, void>(({ message, fiber }) => {
      if (!isRetryNotice(fiber)) return
      retries++
      core.debug(Array.isArray(message) ? message.join(" ") : String(message))
    })
    return effect.pipe(
      Effect.map((value) => [value, retries] as const),
      Effect.provide(Logger.layer([notices])),
      // The SDK logs retries at Debug, below Effect's default minimum of Info.
      Effect.provideService(References.MinimumLogLevel, "Debug")
    )
  })

/** Said once, as an info line, when the balance came only after retries. */
export const reportRetries = (retries: number): Effect.Effect<void> =>
  retries === 0 ? Effect.void : Effect.sync(() => core.info(Messages.neededRetries(retries)))
