/**
 * Effect metrics of SociaVault calls: the last balance read, and calls counted by outcome. They are recorded by
 * every client; export them with any Effect metrics exporter (OpenTelemetry, Prometheus).
 *
 * @example
 * ```ts
 * import { SociaVaultClient, SociaVaultMetrics } from "@sociavault-credits/core"
 * import { Effect, Layer, Metric } from "effect"
 * import { FetchHttpClient } from "effect/http"
 *
 * const program = Effect.gen(function* () {
 *   const read = yield* SociaVaultClient.getCredits
 *
 *   // The gauge holds the balance last read...
 *   const balance = yield* Metric.value(SociaVaultMetrics.balance)
 *   assert.strictEqual(balance.value, read.credits)
 *
 *   // ...and the counter counts calls, one series per outcome (ok, unauthorized, rate_limited...).
 *   const ok = yield* Metric.value(Metric.withAttributes(SociaVaultMetrics.requests, { outcome: "ok" }))
 *   assert.ok(ok.count >= 1)
 * })
 *
 * const SociaVault = SociaVaultClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))
 * Effect.runPromise(Effect.provide(program, SociaVault))
 * ```
 *
 * @since 2.0.0
 */
import * as Rules from "@sociavault-credits/rules"
import * as Effect from "effect/Effect"
import * as Metric from "effect/Metric"
import type { CreditBalance } from "./CreditBalance.js"
import type { SociaVaultError } from "./SociaVaultError.js"

/**
 * The credit balance last read, as a gauge.
 *
 * @since 2.0.0
 * @category metrics
 */
export const balance: Metric.Gauge<number> = Metric.gauge(Rules.METRICS.balance, {
  description: "The SociaVault credit balance last read"
})

/**
 * `getCredits` calls (retries included in one call), counted by outcome: the attribute `outcome` is one of
 * {@link Outcome}.
 *
 * @since 2.0.0
 * @category metrics
 */
export const requests: Metric.Counter<number> = Metric.counter(Rules.METRICS.requests, {
  description: "SociaVault getCredits calls by outcome",
  incremental: true
})

/**
 * How a call ended.
 *
 * @since 2.0.0
 * @category models
 */
export type Outcome = Rules.Outcome

/**
 * The outcome a call's error is counted under.
 *
 * @since 2.0.0
 * @category metrics
 */
export const outcomeOf = (error: SociaVaultError): Outcome => Rules.OUTCOME_BY_TAG[error._tag]

// One counter per outcome, made once: adding the attribute on every call would rebuild the metric key each time.
const counters = new Map(
  Rules.OUTCOMES.map((outcome) => [outcome, Metric.withAttributes(requests, { outcome })] as const)
)
const countAs = (outcome: Outcome) => Metric.update(counters.get(outcome)!, 1)

/**
 * Records a call's outcome, and the balance when it succeeds.
 *
 * @since 2.0.0
 * @category metrics
 */
export const track = <R>(
  call: Effect.Effect<CreditBalance, SociaVaultError, R>
): Effect.Effect<CreditBalance, SociaVaultError, R> =>
  Effect.tapError(
    Effect.tap(call, (read) => Effect.andThen(Metric.update(balance, read.credits), countAs("ok"))),
    (error) => countAs(outcomeOf(error))
  )
