/**
 * Which failures are worth another attempt, and how long to wait before it.
 */
import { Clock, Duration, Effect, Schedule } from "effect"
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
 * server's Retry-After when it sends one, for at most `maxRetries` retries. A retry whose Retry-After would end
 * after `deadlineMillis` is not attempted, so the caller gets the rate-limit error at once instead of a timeout
 * later.
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
    Schedule.modifyDelay(([error], delay) => retryAfterOf(error) ?? delay),
    Schedule.intersect(Schedule.recurs(maxRetries)),
    Schedule.whileInputEffect((error: SociaVaultError) => {
      if (!isTransient(error)) return Effect.succeed(false)
      const wait = retryAfterOf(error)
      if (wait === undefined) return Effect.succeed(true)
      return Effect.map(Clock.currentTimeMillis, (now) => now + Duration.toMillis(wait) <= deadlineMillis)
    })
  )
}
