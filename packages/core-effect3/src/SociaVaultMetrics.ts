/**
 * Effect metrics of SociaVault calls: the last balance read and when, calls counted by outcome, the credits spent
 * and the burn rate. They are recorded by every client on every balance read (CreditGuard's and CreditBudget's
 * included); export them with any Effect metrics exporter (OpenTelemetry, Prometheus).
 *
 * Spend is the balance's fall between consecutive reads in this process: whatever else spends on the same account
 * counts too, and a top-up is not subtracted (it is a rise, not negative spend). One process reading several
 * accounts mixes them in these metrics, as it does in the balance gauge.
 *
 * @since 1.0.0
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
 * Credits the balance fell by between consecutive reads, added up since this process first read it. A rise (a
 * top-up, a refund) adds nothing and subtracts nothing; the first read only sets the starting point.
 *
 * @since 1.1.0
 * @category metrics
 */
export const spent: Metric.Metric.Counter<number> = Metric.counter(Rules.METRICS.spent, {
  description: "SociaVault credits the balance fell by between consecutive reads (top-ups not subtracted)",
  incremental: true
})

/**
 * Credits per hour the balance fell at between the last two reads (0 when it did not fall). Unset until two reads
 * at different instants were made.
 *
 * @since 1.1.0
 * @category metrics
 */
export const burnRate: Metric.Metric.Gauge<number> = Metric.gauge(Rules.METRICS.burnRate, {
  description: "SociaVault credits spent per hour between the last two balance reads"
})

/**
 * When the balance was last read successfully, in seconds since the Unix epoch (on Effect's Clock): alert on a
 * stale balance with `time() - sociavault_credits_last_read_timestamp_seconds`.
 *
 * @since 1.1.0
 * @category metrics
 */
export const lastRead: Metric.Metric.Gauge<number> = Metric.gauge(Rules.METRICS.lastRead, {
  description: "When the SociaVault balance was last read, in seconds since the Unix epoch"
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
const tagged = new Map(Rules.OUTCOMES.map((outcome) => [outcome, Metric.tagged(requests, "outcome", outcome)] as const))
const counters = new Map<Outcome, Effect.Effect<void>>(
  Rules.OUTCOMES.map((outcome) => [outcome, Metric.increment(tagged.get(outcome)!)])
)
const countAs = (outcome: Outcome) => counters.get(outcome)!

// Effect 3's metrics live in one registry for the whole process, so the previous read is process-wide state
// beside them, kept here: reading it back from the gauges would cost three metric lookups per call.
let previousRead: { readonly credits: number; readonly at: number } | undefined

const recordRead = (credits: number) =>
  Effect.flatMap(Clock.currentTimeMillis, (now) => {
    const previous = previousRead
    previousRead = { credits, at: now }
    let record = Metric.set(balance, credits).pipe(
      Effect.zipRight(Metric.set(lastRead, now / 1000)),
      Effect.zipRight(countAs("ok"))
    )
    if (previous !== undefined) {
      const fell = Rules.spendBetween(previous.credits, credits).spent
      if (fell > 0) record = Effect.zipRight(record, Metric.incrementBy(spent, fell))
      const rate = Rules.burnRatePerHour(fell, now - previous.at)
      if (rate !== undefined) record = Effect.zipRight(record, Metric.set(burnRate, rate))
    }
    return record
  })

/**
 * Records a call's outcome; when it succeeds, the balance, the read time, and the spend and burn rate since the
 * previous read.
 *
 * @since 1.0.0
 * @category metrics
 */
export const track = <R>(
  call: Effect.Effect<CreditBalance, SociaVaultError, R>
): Effect.Effect<CreditBalance, SociaVaultError, R> =>
  Effect.tapBoth(call, {
    onSuccess: (read) => recordRead(read.credits),
    onFailure: (error) => countAs(outcomeOf(error))
  })
