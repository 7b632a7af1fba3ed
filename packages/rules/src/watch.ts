/**
 * The rules of `sociavault-credits watch`: how it reads (the interval, the backoff after failed readings, the window
 * of its burn rate), where it serves metrics, and what its metrics are called. The spend arithmetic itself is
 * spend.ts's, shared with the action's post step and CreditBudget.
 *
 * @since 1.1.0
 */
import { WATCH_INTERVAL_SECONDS } from "./spend.js"
import type { Checked } from "./validate.js"

/**
 * After failed readings, watch waits longer before the next one: `interval × 2^(failures − 1)`, never more than
 * this many seconds (or the interval, when that is longer). A failing API is not hammered, and its recovery is
 * seen within this long.
 *
 * @since 1.1.0
 */
export const WATCH_BACKOFF_MAX_SECONDS = 300

/**
 * The burn rate is the spend over the readings of this last many seconds (over the last two readings when the
 * interval is longer): recent enough to follow a change, long enough not to jump with every request.
 *
 * @since 1.1.0
 */
export const WATCH_RATE_WINDOW_SECONDS = 3_600

/** The TCP port of `--metrics-port`: 0 picks a free one (printed on stderr). @since 1.1.0 */
export const METRICS_PORT = { min: 0, max: 65_535 } as const

/** The address the metrics server listens on by default: this machine only. @since 1.1.0 */
export const DEFAULT_METRICS_HOST = "127.0.0.1"

/** The path Prometheus scrapes. @since 1.1.0 */
export const METRICS_PATH = "/metrics"

/** What watch's checks expect, in words, for its flags' errors and help. @since 1.1.0 */
export const WATCH_EXPECTED = {
  interval: `a whole number of seconds from ${WATCH_INTERVAL_SECONDS.min} to ${WATCH_INTERVAL_SECONDS.max}`,
  port: `a whole number from ${METRICS_PORT.min} to ${METRICS_PORT.max}`,
  host: "an IP address or a host name of this machine, such as 127.0.0.1 or 0.0.0.0"
} as const

const quote = (value: unknown) => JSON.stringify(String(value))

/** Checks a watch interval in seconds. @since 1.1.0 */
export const checkWatchInterval = (value: unknown): Checked<number> =>
  Number.isInteger(value) &&
  (value as number) >= WATCH_INTERVAL_SECONDS.min &&
  (value as number) <= WATCH_INTERVAL_SECONDS.max
    ? { ok: true, value: value as number }
    : { ok: false, expected: WATCH_EXPECTED.interval, received: quote(value) }

/** Checks a TCP port to listen on. @since 1.1.0 */
export const checkPort = (value: unknown): Checked<number> =>
  Number.isInteger(value) && (value as number) >= METRICS_PORT.min && (value as number) <= METRICS_PORT.max
    ? { ok: true, value: value as number }
    : { ok: false, expected: WATCH_EXPECTED.port, received: quote(value) }

/** Checks an address to listen on: letters, digits and the punctuation of names and IPv4/IPv6 addresses. @since 1.1.0 */
export const checkListenHost = (value: unknown): Checked<string> =>
  typeof value === "string" && /^[A-Za-z0-9.:_-]{1,253}$/.test(value)
    ? { ok: true, value }
    : { ok: false, expected: WATCH_EXPECTED.host, received: quote(value) }

/**
 * How long watch waits before its next reading, in milliseconds, after `failures` failed readings in a row (0: the
 * last one succeeded).
 *
 * @since 1.1.0
 */
export const watchDelayMillis = (intervalSeconds: number, failures: number): number => {
  if (failures <= 0) return intervalSeconds * 1000
  const cap = Math.max(intervalSeconds, WATCH_BACKOFF_MAX_SECONDS)
  return Math.min(intervalSeconds * 2 ** Math.min(failures - 1, 30), cap) * 1000
}

/**
 * The metrics `watch --metrics-port` serves (besides the SDK's own, `METRICS`).
 *
 * @since 1.1.0
 */
export const WATCH_METRICS = {
  /** The balance last read, in credits. */
  credits: "sociavault_credits",
  /** When the balance was last read successfully, in unix seconds. */
  lastSuccess: "sociavault_credits_last_success_timestamp_seconds",
  /** Failed readings, by kind (the `kind` label: an outcome of `OUTCOME_BY_TAG`). */
  readErrors: "sociavault_credits_read_errors_total",
  /**
   * Credits spent per hour over the rate window; absent until two readings are known. A name of its own: the SDK's
   * `sociavault_credits_burn_rate_per_hour` (between the last two reads) is served beside it.
   */
  burnRate: "sociavault_credits_watch_burn_rate_per_hour",
  /** 1 while the balance is below --min-credits, else 0; only with --min-credits. */
  belowMinimum: "sociavault_credits_below_minimum",
  /** 1 while the balance is below --warn-credits, else 0; only with --warn-credits. */
  belowWarning: "sociavault_credits_below_warning"
} as const
