/**
 * Every limit and default of the SDKs, the action and the CLI, written once. Durations are in milliseconds or
 * seconds as their names say: this module has no Effect, so each SDK turns them into its own Duration.
 *
 * @since 1.0.0
 */

/** SociaVault's production API. @since 1.0.0 */
export const DEFAULT_BASE_URL = "https://api.sociavault.com"

/** The endpoint, appended to the base URL's path (a gateway prefix is kept). @since 1.0.0 */
export const CREDITS_PATH = "/v1/credits"

/** The header the key travels in. @since 1.0.0 */
export const API_KEY_HEADER = "x-api-key"

/** Retries after the first attempt: the default, and the allowed range. More hammers a failing service. @since 1.0.0 */
export const MAX_RETRIES = { default: 3, min: 0, max: 10 } as const

/** The whole call, retries and waits included, in seconds: the default and the largest allowed. @since 1.0.0 */
export const TIMEOUT_SECONDS = { default: 30, max: 3_600 } as const

/** One attempt, in seconds, so that a hung connection leaves room for a retry (capped by the whole timeout). @since 1.0.0 */
export const ATTEMPT_TIMEOUT_SECONDS = { default: 10 } as const

/**
 * Exponential backoff between attempts: `baseMillis`, doubled each time, each delay multiplied by a random factor
 * in [jitterMin, jitterMax), never above `maxMillis`.
 *
 * @since 1.0.0
 */
export const BACKOFF = { baseMillis: 500, factor: 2, maxMillis: 8_000, jitterMin: 0.8, jitterMax: 1.2 } as const

/** A server's Retry-After is honoured up to this: a bogus header (a year) cannot stall a caller past any budget. @since 1.0.0 */
export const MAX_RETRY_AFTER_MILLIS = 3_600_000

/** Same-origin redirects followed in one attempt before giving up, to end a redirect loop. @since 1.0.0 */
export const MAX_REDIRECTS = 5

/** Server-supplied text quoted in an error is cut to this many characters. @since 1.0.0 */
export const MAX_DETAIL_LENGTH = 200

/** How long CreditGuard trusts a balance read, by default. @since 1.0.0 */
export const GUARD_TTL_SECONDS = { default: 30 } as const

/** The thresholds of a gate: whole numbers from 0. `minCredits` defaults to 0, `warnCredits` to none. @since 1.0.0 */
export const MIN_CREDITS = { default: 0, min: 0 } as const

/** The most of a response body that is read: a credits body is under 1 KB; more is refused while streaming. @since 1.0.0 */
export const MAX_BODY_BYTES = 65_536

/** The most of an error response's body that is read, for its message; a stalled one is abandoned. @since 1.0.0 */
export const ERROR_BODY = { maxBytes: 4_096, maxMillis: 1_000 } as const

/** The longest string field (subscriptionId) a balance may have; an id is tens of characters. @since 1.0.0 */
export const MAX_FIELD_LENGTH = 256

/** Response headers that carry a request id, looked up in this order. @since 1.0.0 */
export const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid", "cf-ray"] as const
