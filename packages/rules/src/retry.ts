/**
 * Which failures are worth another attempt, and what a server's Retry-After asks for.
 *
 * @since 1.0.0
 */
import { BACKOFF, MAX_RETRY_AFTER_MILLIS } from "./limits.js"

/** Statuses that may succeed when the same request is sent again. @since 1.0.0 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

/**
 * The facts about a failed attempt that decide a retry, in the terms every SDK's errors share.
 *
 * @since 1.0.0
 */
export interface FailedAttempt {
  readonly _tag: string
  readonly status?: number | undefined
  readonly redirectHost?: string | undefined
}

/**
 * Whether a failed attempt may succeed when repeated: transport failures and the {@link RETRYABLE_STATUSES}.
 * A bad key, a missing user, a bad body, a refused redirect and other statuses fail the same way every time.
 *
 * @since 1.0.0
 */
export const isTransient = (failure: FailedAttempt): boolean => {
  switch (failure._tag) {
    case "TransportError":
      return true
    case "RateLimited":
      return true
    case "ServerError":
    case "UnexpectedStatus":
      return failure.redirectHost === undefined && RETRYABLE_STATUSES.has(failure.status ?? 0)
    default:
      return false
  }
}

/**
 * The backoff before retry number `retry` (from 1), given a random number in [0, 1): exponential, jittered, capped.
 *
 * @since 1.0.0
 */
export const backoffMillis = (retry: number, random: number): number => {
  const exponential = BACKOFF.baseMillis * BACKOFF.factor ** (retry - 1)
  const jitter = BACKOFF.jitterMin + (BACKOFF.jitterMax - BACKOFF.jitterMin) * random
  return Math.min(exponential * jitter, BACKOFF.maxMillis)
}

/**
 * The delay a Retry-After header (RFC 9110 §10.2.3: seconds or an HTTP date) asks for, measured from `nowMillis`:
 * undefined when the header is absent or unreadable, 0 when the date is past, never above
 * {@link MAX_RETRY_AFTER_MILLIS}.
 *
 * @since 1.0.0
 */
export const parseRetryAfterMillis = (header: string | undefined, nowMillis: number): number | undefined => {
  if (header === undefined) return undefined
  const value = header.trim()
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, MAX_RETRY_AFTER_MILLIS)
  // Only an HTTP date (it names a weekday or month) is read as a date: Date.parse accepts odd strings like "1.5".
  const at = /[A-Za-z]{3}/.test(value) ? Date.parse(value) : Number.NaN
  if (Number.isNaN(at)) return undefined
  return Math.min(Math.max(0, at - nowMillis), MAX_RETRY_AFTER_MILLIS)
}

/**
 * What a client knows when an attempt has failed.
 *
 * @since 1.0.0
 */
export interface RetryState {
  readonly failure: FailedAttempt
  /** What the failed response's Retry-After asked for, if anything. */
  readonly retryAfterMillis: number | undefined
  /** Attempts made so far, the failed one included (from 1). */
  readonly attempts: number
  readonly maxRetries: number
  readonly nowMillis: number
  /** When the whole call must have ended. */
  readonly deadlineMillis: number
  /** A random number in [0, 1), for the jitter. */
  readonly random: number
}

/**
 * The retry policy of every SDK, as one decision: the delay before the next attempt, or undefined for none.
 *
 * No retry for a failure that would fail again, after `maxRetries` retries, or when the wait before it would end
 * at or after the deadline: the caller then gets the last failure at once (the status the server last answered,
 * the rate limit it asked to wait out), counted in the requests actually sent, instead of a timeout it could not
 * beat. A Retry-After replaces the backoff.
 *
 * @since 1.0.0
 */
export const planRetry = (state: RetryState): number | undefined => {
  if (!isTransient(state.failure) || state.attempts > state.maxRetries) return undefined
  const delay = state.retryAfterMillis ?? backoffMillis(state.attempts, state.random)
  return state.nowMillis + delay < state.deadlineMillis ? delay : undefined
}

/**
 * One retry, as the SDKs tell it before its wait: the attempt that failed (from 1), how many attempts the call may
 * make in all, the wait before the next one, and why (a status or an error kind, never server text with the key).
 *
 * @since 1.2.0
 */
export interface RetryNotice {
  readonly attempt: number
  readonly maxAttempts: number
  readonly waitMillis: number
  readonly reason: string
}

/**
 * How the SDKs mark a log line as an event a front door may show: `Effect.logDebug(Messages.retrying(notice))`
 * annotated with `{ [LOG_EVENT.key]: LOG_EVENT.retry, ...notice }`.
 *
 * @since 1.2.0
 */
export const LOG_EVENT = { key: "sociavault.event", retry: "retry" } as const
