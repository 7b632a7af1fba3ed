/**
 * What watch makes of each balance it reads: the change since the last reading, the burn rate over the last hour,
 * the time to zero at that rate, and the line (or JSON object) that says so. Pure: the loop (run.ts) reads and
 * sleeps, this remembers and computes, with the shared spend rules.
 *
 * @since 2.1.0
 */
import * as Rules from "@sociavault-credits/rules"

/** A successful reading, as watch uses it. @since 2.1.0 */
export interface Balance {
  readonly credits: number
  readonly subscriptionStatus: string
}

/** The thresholds the user gave watch; absent ones are not judged. @since 2.1.0 */
export interface Thresholds {
  readonly minCredits: number | undefined
  readonly warnCredits: number | undefined
}

/** What one reading means. @since 2.1.0 */
export interface Observation {
  /** When it was read, in unix milliseconds. */
  readonly at: number
  readonly credits: number
  readonly subscriptionStatus: string
  /** Since the last reading (negative: spent); undefined for the first. */
  readonly change: number | undefined
  /** Credits spent per hour over the rate window; undefined until two readings are known. */
  readonly burnRatePerHour: number | undefined
  /** At that rate, how long the balance lasts; 0 at or below zero, undefined when not falling or not known. */
  readonly millisToZero: number | undefined
  readonly belowMinimum: boolean | undefined
  readonly belowWarning: boolean | undefined
}

/** A point of the spend curve: when, and how much had been spent since the first reading (top-ups not subtracted). */
interface Sample {
  readonly at: number
  readonly spentSoFar: number
}

/** What watch remembers between readings. @since 2.1.0 */
export interface History {
  readonly last: { readonly at: number; readonly credits: number } | undefined
  /** The samples of the rate window, oldest first; the one before the window stays, so a rate spans it whole. */
  readonly samples: ReadonlyArray<Sample>
}

/** @since 2.1.0 */
export const emptyHistory: History = { last: undefined, samples: [] }

const WINDOW_MILLIS = Rules.WATCH_RATE_WINDOW_SECONDS * 1000

/**
 * Adds a reading to the history and says what it means.
 *
 * @since 2.1.0
 */
export const observe = (
  history: History,
  balance: Balance,
  at: number,
  thresholds: Thresholds
): readonly [History, Observation] => {
  const { last } = history
  const spent = last === undefined ? 0 : Rules.spendBetween(last.credits, balance.credits).spent
  const spentSoFar = (history.samples.at(-1)?.spentSoFar ?? 0) + spent
  const samples = [...history.samples, { at, spentSoFar }]
  // Keep the newest sample at or before the window's start, and nothing older: the rate spans the whole window.
  while (samples.length > 2 && samples[1]!.at <= at - WINDOW_MILLIS) samples.shift()
  const oldest = samples[0]!
  const burnRatePerHour = Rules.burnRatePerHour(spentSoFar - oldest.spentSoFar, at - oldest.at)
  const observation: Observation = {
    at,
    credits: balance.credits,
    subscriptionStatus: balance.subscriptionStatus,
    change: last === undefined ? undefined : balance.credits - last.credits,
    burnRatePerHour,
    millisToZero: Rules.millisToZero(balance.credits, burnRatePerHour),
    belowMinimum: thresholds.minCredits === undefined ? undefined : balance.credits < thresholds.minCredits,
    belowWarning: thresholds.warnCredits === undefined ? undefined : balance.credits < thresholds.warnCredits
  }
  return [{ last: { at, credits: balance.credits }, samples }, observation]
}

/** A time as logs show it, to the second: `2026-05-01T12:00:05Z`. */
const timeOf = (at: number) => new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z")

const signed = (n: number) => (n > 0 ? `+${n}` : n === 0 ? "±0" : `${n}`)

/**
 * One reading as a line for a person:
 * `2026-05-01T12:00:05Z balance 945 credits, -5 since the last reading, burn rate 300/h, about 3h 9m to zero`.
 *
 * @since 2.1.0
 */
export const toText = (o: Observation): string => {
  const { minCredits, warnCredits } = Rules.SETTINGS
  const parts = [
    `${timeOf(o.at)} balance ${o.credits} credits`,
    o.change === undefined ? "first reading" : `${signed(o.change)} since the last reading`,
    `burn rate ${o.burnRatePerHour === undefined ? "not known yet" : Rules.formatRate(o.burnRatePerHour)}`,
    o.millisToZero === 0
      ? "at or below zero"
      : o.millisToZero !== undefined
        ? `about ${Rules.formatSpan(o.millisToZero)} to zero`
        : o.burnRatePerHour === undefined
          ? "time to zero not known yet"
          : "not falling"
  ]
  if (o.subscriptionStatus !== "active") parts.push(`subscription ${o.subscriptionStatus}`)
  const notes = [
    o.belowWarning === true ? `below ${warnCredits.flag}` : undefined,
    o.belowMinimum === true ? `below ${minCredits.flag}` : undefined
  ].filter((note) => note !== undefined)
  return parts.join(", ") + notes.map((note) => `; ${note}`).join("")
}

/**
 * One reading as one line of JSON (NDJSON): `change`, `burnRatePerHour` and `secondsToZero` are null while not
 * known (and `secondsToZero` when the balance is not falling); `belowMinimum` and `belowWarning` are null without
 * their flag.
 *
 * @since 2.1.0
 */
export const toJson = (o: Observation): string =>
  Rules.escapeUnsafeInJson(
    JSON.stringify({
      time: timeOf(o.at),
      credits: o.credits,
      change: o.change ?? null,
      burnRatePerHour: o.burnRatePerHour === undefined ? null : Number(o.burnRatePerHour.toFixed(3)),
      secondsToZero: o.millisToZero === undefined ? null : Math.round(o.millisToZero / 1000),
      subscriptionStatus: o.subscriptionStatus,
      belowMinimum: o.belowMinimum ?? null,
      belowWarning: o.belowWarning ?? null
    })
  )
