/**
 * Which failures are worth another attempt, and how long to wait before it.
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import type { SociaVaultError } from "../SociaVaultError.js"

/** The first backoff delay; each further one doubles, with jitter, up to {@link MAX_DELAY}. */
export const BASE_DELAY: Duration.Duration = Duration.millis(500)
/** The longest backoff delay between two attempts. */
export const MAX_DELAY: Duration.Duration = Duration.seconds(8)

const RETRYABLE_SERVER_STATUSES = new Set([500, 502, 503, 504])

/**
 * Whether a failed attempt may succeed when repeated: 408, 429, 500, 502, 503, 504 and transport failures.
 * Everything else (a bad key, a missing user, a bad body, other statuses) fails the same way every time.
 *
 * @internal
 */
export const isTransient = (error: SociaVaultError): boolean => {
  switch (error._tag) {
    case "RateLimited":
    case "TransportError":
      return true
    case "ServerError":
      return RETRYABLE_SERVER_STATUSES.has(error.status)
    case "UnexpectedStatus":
      return error.status === 408 && error.redirectHost === undefined
    default:
      return false
  }
}

/** The delay the server asked for with Retry-After, if the error carries one. */
const retryAfterOf = (error: SociaVaultError): Duration.Duration | undefined =>
  error._tag === "RateLimited" || error._tag === "ServerError" ? error.retryAfter : undefined

/**
 * The retry schedule of one call: exponential backoff with jitter, capped at {@link MAX_DELAY}, replaced by the
 * server's Retry-After when it sends one, for at most `maxRetries` retries, and never past `deadlineMillis`: a
 * backoff is cut short at the deadline (where the next attempt fails with the overall timeout), and a retry whose
 * Retry-After would end after it is not attempted, so the caller gets the rate-limit error at once.
 *
 * @internal
 */
export const retryPolicy = (
  maxRetries: number,
  deadlineMillis: number
): Schedule.Schedule<unknown, SociaVaultError> => {
  const backoff = Schedule.exponential(BASE_DELAY, 2).pipe(
    Schedule.jittered,
    Schedule.modifyDelay((_, delay) => Duration.min(delay, MAX_DELAY))
  )
  return Schedule.identity<SociaVaultError>().pipe(
    Schedule.intersect(backoff),
    Schedule.modifyDelayEffect(([error], delay) =>
      Effect.map(Clock.currentTimeMillis, (now) =>
        Duration.min(retryAfterOf(error) ?? delay, Duration.millis(Math.max(0, deadlineMillis - now)))
      )
    ),
    Schedule.intersect(Schedule.recurs(maxRetries)),
    Schedule.whileInputEffect((error: SociaVaultError) => {
      if (!isTransient(error)) return Effect.succeed(false)
      const wait = retryAfterOf(error)
      return Effect.map(Clock.currentTimeMillis, (now) =>
        wait === undefined ? deadlineMillis - now >= 1 : now + Duration.toMillis(wait) <= deadlineMillis
      )
    })
  )
}
