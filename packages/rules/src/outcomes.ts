/**
 * The outcome a `getCredits` call is counted under in the `sociavault_requests_total` metric, by error tag.
 *
 * @since 1.0.0
 */

/** @since 1.0.0 */
export const OUTCOME_BY_TAG = {
  Unauthorized: "unauthorized",
  NotFound: "not_found",
  RateLimited: "rate_limited",
  ServerError: "server_error",
  TransportError: "transport",
  InvalidResponse: "bad_body",
  UnexpectedStatus: "unexpected_status"
} as const

/** How a call ended. @since 1.0.0 */
export type Outcome = "ok" | (typeof OUTCOME_BY_TAG)[keyof typeof OUTCOME_BY_TAG]

/** Every outcome, `ok` first. @since 1.0.0 */
export const OUTCOMES: ReadonlyArray<Outcome> = ["ok", ...new Set(Object.values(OUTCOME_BY_TAG))]

/**
 * The metric names, Prometheus style. Spent, burn rate and last read: since 1.2.0.
 *
 * @since 1.0.0
 */
export const METRICS = {
  balance: "sociavault_credits_balance",
  requests: "sociavault_requests_total",
  spent: "sociavault_credits_spent_total",
  burnRate: "sociavault_credits_burn_rate_per_hour",
  lastRead: "sociavault_credits_last_read_timestamp_seconds"
} as const

/** The span names and attribute keys. @since 1.0.0 */
export const SPANS = {
  getCredits: "SociaVaultClient.getCredits",
  attempt: "SociaVaultClient.attempt",
  url: "sociavault.url",
  attemptNumber: "sociavault.attempt",
  attempts: "sociavault.attempts",
  status: "http.response.status_code"
} as const
