/**
 * Spend: what a balance's fall between two readings means. Shared by the action's post step, both SDKs'
 * CreditBudget and the CLI's `watch`, so that "spent", a top-up, a burn rate and a time to zero are computed one way.
 *
 * The balance belongs to the account, not to one job or program: whatever else spends on the same account in the
 * meantime counts too, and every message that reports spend says so where it matters.
 *
 * @since 1.1.0
 */

/** How often CreditBudget re-reads the balance while its program runs, by default, in seconds. @since 1.1.0 */
export const BUDGET_CHECK_EVERY_SECONDS = { default: 30, max: 3_600 } as const

/** How often `sociavault-credits watch` reads the balance, by default, and the allowed range, in seconds. @since 1.1.0 */
export const WATCH_INTERVAL_SECONDS = { default: 60, min: 1, max: 86_400 } as const

/** Whether the action tracks what a job spends (its `track-spend` input), by default. @since 1.1.0 */
export const TRACK_SPEND = { default: true } as const

/** The state the action's main step saves for its post step (`core.saveState`); never the key. @since 1.1.0 */
export const SPEND_STATE = { startCredits: "start-credits", startedAt: "started-at" } as const

const HOUR_MILLIS = 3_600_000

/**
 * The change between a balance read first and one read later: what was spent, or what was added (a top-up). Never a
 * negative spend: a balance that rose spent 0 and topped up the difference.
 *
 * @since 1.1.0
 */
export interface Spend {
  /** Credits the balance fell by: `before - after`, or 0 when it rose. */
  readonly spent: number
  /** Credits the balance rose by (a top-up or a refund): `after - before`, or 0 when it fell. */
  readonly toppedUp: number
}

/** @since 1.1.0 */
export const spendBetween = (before: number, after: number): Spend => ({
  spent: Math.max(0, before - after),
  toppedUp: Math.max(0, after - before)
})

/**
 * Credits per hour for `spent` credits over `elapsedMillis`; undefined when no time has passed (a rate from a
 * single instant means nothing).
 *
 * @since 1.1.0
 */
export const burnRatePerHour = (spent: number, elapsedMillis: number): number | undefined =>
  elapsedMillis > 0 ? (spent * HOUR_MILLIS) / elapsedMillis : undefined

/**
 * The shortest span a job's burn rate is told over: over seconds, one request's credits make a rate of thousands per
 * hour that says nothing about the job.
 *
 * @since 1.1.0
 */
export const MIN_RATE_SPAN_MILLIS = 60_000

/**
 * A job's burn rate, as its report tells it: credits per hour, or undefined when the job was shorter than
 * {@link MIN_RATE_SPAN_MILLIS}.
 *
 * @since 1.1.0
 */
export const jobBurnRatePerHour = (spent: number, elapsedMillis: number): number | undefined =>
  elapsedMillis < MIN_RATE_SPAN_MILLIS ? undefined : burnRatePerHour(spent, elapsedMillis)

/**
 * How long the balance lasts at a burn rate, in milliseconds: 0 when it is already at or below 0, undefined when
 * nothing is being spent (it lasts for ever) or the rate is unknown.
 *
 * @since 1.1.0
 */
export const millisToZero = (balance: number, ratePerHour: number | undefined): number | undefined => {
  if (balance <= 0) return 0
  if (ratePerHour === undefined || !(ratePerHour > 0)) return undefined
  return (balance / ratePerHour) * HOUR_MILLIS
}

/** Whether a spend breaks a limit: strictly more than `maxSpend` (spending exactly the limit is allowed). @since 1.1.0 */
export const exceedsBudget = (spent: number, maxSpend: number): boolean => spent > maxSpend

/**
 * A rate as messages show it: whole credits per hour above 10, one decimal below (`1.5/h`, `240/h`).
 *
 * @since 1.1.0
 */
export const formatRate = (ratePerHour: number): string =>
  `${ratePerHour >= 10 ? Math.round(ratePerHour) : Number(ratePerHour.toFixed(1))}/h`

/**
 * A duration as a person reads it at the scale of a balance's life: `45s`, `12m`, `3h 20m`, `5d 4h`.
 *
 * @since 1.1.0
 */
export const formatSpan = (millis: number): string => {
  const seconds = Math.round(millis / 1000)
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`
  const days = Math.floor(hours / 24)
  return hours % 24 === 0 ? `${days}d` : `${days}d ${hours % 24}h`
}
