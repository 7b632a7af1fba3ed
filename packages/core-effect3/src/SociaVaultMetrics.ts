/**
 * Effect metrics of SociaVault calls: the last balance read, and calls counted by outcome. They are recorded by
 * every client; export them with any Effect metrics exporter (OpenTelemetry, Prometheus).
 *
 * @since 1.0.0
 */
import * as Rules from "@sociavault-credits/rules"
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
export const balance: Metric.Metric.Gauge<number> = Metric.gauge(Rules.METRICS.balance, {
  description: "The SociaVault credit balance last read"
})

/**
 * `getCredits` calls (retries included in one call), counted by outcome: the tag `outcome` is one of
 * {@link Outcome}.
 *
 * @since 1.0.0
 * @category metrics
 */
export const requests: Metric.Metric.Counter<number> = Metric.counter(Rules.METRICS.requests, {
  description: "SociaVault getCredits calls by outcome",
  incremental: true
})

/**
 * How a call ended: `ok`, or the outcome of its error's tag (the shared table of @sociavault-credits/rules).
 *
 * @since 1.0.0
 * @category models
 */
export type Outcome = Rules.Outcome

/**
 * The outcome a call's error is counted under.
 *
 * @since 1.0.0
 * @category metrics
 */
export const outcomeOf = (error: SociaVaultError): Outcome => Rules.OUTCOME_BY_TAG[error._tag]

// One tagged counter per outcome, made once: tagging on every call would rebuild the metric key each time.
const counters = new Map<Outcome, Effect.Effect<void>>(
  Rules.OUTCOMES.map((outcome) => [outcome, Metric.increment(Metric.tagged(requests, "outcome", outcome))])
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
