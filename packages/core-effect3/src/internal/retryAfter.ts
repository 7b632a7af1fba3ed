/**
 * Parsing of the Retry-After header (RFC 9110 §10.2.3): either a number of seconds or an HTTP date.
 */
import * as Duration from "effect/Duration"
import * as Option from "effect/Option"

/** Caps a server's request to wait, so a bogus header (a year) cannot stall the caller past any sane budget. */
const MAX_RETRY_AFTER = Duration.hours(1)

/**
 * The delay a Retry-After header asks for, measured from `nowMillis`; none when the header is absent or
 * unreadable, zero when the date is already past.
 *
 * @internal
 */
export const parseRetryAfter = (header: string | undefined, nowMillis: number): Option.Option<Duration.Duration> => {
  if (header === undefined) return Option.none()
  const value = header.trim()
  if (/^\d+$/.test(value)) {
    return Option.some(Duration.min(Duration.seconds(Number(value)), MAX_RETRY_AFTER))
  }
  // Only an HTTP date (it names a weekday or month) is read as a date: Date.parse accepts odd strings like "1.5".
  const at = /[A-Za-z]{3}/.test(value) ? Date.parse(value) : Number.NaN
  if (Number.isNaN(at)) return Option.none()
  return Option.some(Duration.min(Duration.millis(Math.max(0, at - nowMillis)), MAX_RETRY_AFTER))
}
