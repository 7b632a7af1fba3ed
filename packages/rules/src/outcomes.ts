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

/**
 * The gate's own outcomes, beside {@link OUTCOME_BY_TAG}'s for a failed read: what the action's `outcome` output
 * and the CLI's JSON report say, so that a later step or script can branch on what happened.
 *
 * @since 1.1.0
 */
export const GATE_OUTCOMES = {
  passed: "passed",
  belowThreshold: "below_threshold",
  inactive: "inactive_subscription",
  invalidInput: "invalid_input"
} as const

/** Every value the action's `outcome` output may take. @since 1.1.0 */
export type GateOutcome =
  | (typeof GATE_OUTCOMES)[keyof typeof GATE_OUTCOMES]
  | (typeof OUTCOME_BY_TAG)[keyof typeof OUTCOME_BY_TAG]
