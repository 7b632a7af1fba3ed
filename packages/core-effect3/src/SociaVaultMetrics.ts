/**
 * Effect metrics of SociaVault calls: the last balance read, and calls counted by outcome. They are recorded by
 * every client; export them with any Effect metrics exporter (OpenTelemetry, Prometheus).
 *
 * @since 1.0.0
 */
import * as Effect from "effect/Effect"
import * as Metric from "effect/Metric"
import type { CreditBalance } from "./CreditBalance.js"
import type { SociaVaultError } from "./SociaVaultError.js"

/**
 * The credit balance last read, as a gauge.
 *
 * @since 1.0.0
 * @category metrics
 */
export const balance: Metric.Metric.Gauge<number> = Metric.gauge("sociavault_credits_balance", {
  description: "The SociaVault credit balance last read"
})

/**
 * `getCredits` calls (retries included in one call), counted by outcome: the tag `outcome` is one of
 * {@link Outcome}.
 *
 * @since 1.0.0
 * @category metrics
 */
export const requests: Metric.Metric.Counter<number> = Metric.counter("sociavault_requests_total", {
  description: "SociaVault getCredits calls by outcome",
  incremental: true
})

/**
 * How a call ended.
 *
 * @since 1.0.0
 * @category models
 */
export type Outcome =
  | "ok"
  | "unauthorized"
  | "not_found"
  | "rate_limited"
  | "server_error"
  | "transport"
  | "bad_body"
  | "unexpected_status"
  | "invalid_options"

const OUTCOMES: Record<SociaVaultError["_tag"], Outcome> = {
  Unauthorized: "unauthorized",
  NotFound: "not_found",
  RateLimited: "rate_limited",
  ServerError: "server_error",
  TransportError: "transport",
  InvalidResponse: "bad_body",
  UnexpectedStatus: "unexpected_status",
  InvalidOptions: "invalid_options"
}

/**
 * The outcome a call's error is counted under.
 *
 * @since 1.0.0
 * @category metrics
 */
export const outcomeOf = (error: SociaVaultError): Outcome => OUTCOMES[error._tag]

// One tagged counter per outcome, made once: tagging on every call would rebuild the metric key each time.
const counters = new Map(
  [...new Set<Outcome>(["ok", ...Object.values(OUTCOMES)])].map((outcome) => [
    outcome,
    Metric.increment(Metric.tagged(requests, "outcome", outcome))
  ])
)
const countAs = (outcome: Outcome) => counters.get(outcome)!

/**
 * Records a call's outcome, and the balance when it succeeds.
 *
 * @since 1.0.0
 * @category metrics
 */
export const track = <R>(
  call: Effect.Effect<CreditBalance, SociaVaultError, R>
): Effect.Effect<CreditBalance, SociaVaultError, R> =>
  Effect.tapBoth(call, {
    onSuccess: (read) => Effect.zipRight(Metric.set(balance, read.credits), countAs("ok")),
    onFailure: (error) => countAs(outcomeOf(error))
  })
