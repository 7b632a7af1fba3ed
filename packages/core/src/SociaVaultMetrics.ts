/**
 * Effect metrics of SociaVault calls: the last balance read and when, calls counted by outcome, the credits spent
 * and the burn rate. They are recorded by every client on every balance read (CreditGuard's and CreditBudget's
 * included); export them with any Effect metrics exporter (OpenTelemetry, Prometheus).
 *
 * Spend is the balance's fall between consecutive reads in this process: whatever else spends on the same account
 * counts too, and a top-up is not subtracted (it is a rise, not negative spend). One process reading several
 * accounts mixes them in these metrics, as it does in the balance gauge.
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
 *
 *   // A later read counts what the balance fell by since the previous one as spent, and sets the burn rate.
 *   // (The demo balance stands still: nothing was spent.)
 *   yield* SociaVaultClient.getCredits
 *   const spent = yield* Metric.value(SociaVaultMetrics.spent)
 *   assert.strictEqual(spent.count, 0)
 * })
 *
 * const SociaVault = SociaVaultClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))
 * Effect.runPromise(Effect.provide(program, SociaVault))
 * ```
 *
 * @since 2.0.0
 */
import * as Rules from "@sociavault-credits/rules"
import * as Clock from "effect/Clock"
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
 * Credits the balance fell by between consecutive reads, added up since this process first read it. A rise (a
 * top-up, a refund) adds nothing and subtracts nothing; the first read only sets the starting point.
 *
 * @since 2.1.0
 * @category metrics
 */
export const spent: Metric.Counter<number> = Metric.counter(Rules.METRICS.spent, {
  description: "SociaVault credits the balance fell by between consecutive reads (top-ups not subtracted)",
  incremental: true
})

/**
 * Credits per hour the balance fell at between the last two reads (0 when it did not fall). Unset until two reads
 * at different instants were made.
 *
 * @since 2.1.0
 * @category metrics
 */
export const burnRate: Metric.Gauge<number> = Metric.gauge(Rules.METRICS.burnRate, {
  description: "SociaVault credits spent per hour between the last two balance reads"
})

/**
 * When the balance was last read successfully, in seconds since the Unix epoch (on Effect's Clock): alert on a
 * stale balance with `time() - sociavault_credits_last_read_timestamp_seconds`.
 *
 * @since 2.1.0
 * @category metrics
 */
export const lastRead: Metric.Gauge<number> = Metric.gauge(Rules.METRICS.lastRead, {
  description: "When the SociaVault balance was last read, in seconds since the Unix epoch"
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

// The previous read is what the metrics hold: the balance gauge and the read time, valid once a call has counted
// ok. Keeping it there (not in a variable) keeps the spend consistent with the registry it is recorded in.
const recordRead = (credits: number) =>
  Effect.gen(function* () {
    const now = yield* Clock.currentTimeMillis
    const previousReads = (yield* Metric.value(counters.get("ok")!)).count
    if (previousReads > 0) {
      const before = (yield* Metric.value(balance)).value
      const previousAt = Math.round((yield* Metric.value(lastRead)).value * 1000)
      const fell = Rules.spendBetween(before, credits).spent
      if (fell > 0) yield* Metric.update(spent, fell)
      const rate = Rules.burnRatePerHour(fell, now - previousAt)
      if (rate !== undefined) yield* Metric.update(burnRate, rate)
    }
    yield* Metric.update(balance, credits)
    yield* Metric.update(lastRead, now / 1000)
    yield* countAs("ok")
  })

/**
 * Records a call's outcome; when it succeeds, the balance, the read time, and the spend and burn rate since the
 * previous read.
 *
 * @since 2.0.0
 * @category metrics
 */
export const track = <R>(
  call: Effect.Effect<CreditBalance, SociaVaultError, R>
): Effect.Effect<CreditBalance, SociaVaultError, R> =>
  Effect.tapError(
    Effect.tap(call, (read) => recordRead(read.credits)),
    (error) => countAs(outcomeOf(error))
  )
