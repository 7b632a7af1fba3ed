/**
 * Checks of everything a user writes: the SDK's options, the action's inputs, the CLI's flags and the environment
 * variables. Each check says what was expected and, where it is safe to show, what it got; the caller names the
 * input in the user's own terms (an option, an input, a flag or a variable).
 *
 * @since 1.0.0
 */
import { CREDITS_PATH, MAX_RETRIES, TIMEOUT_SECONDS } from "./limits.js"
import { BUDGET_CHECK_EVERY_SECONDS } from "./spend.js"
import { neutralize, withoutCredentials } from "./text.js"

/**
 * A check's answer: the value, or what was expected and what came instead (already quoted; absent when showing it
 * would leak a secret).
 *
 * @since 1.0.0
 */
export type Checked<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly expected: string; readonly received?: string }

const ok = <A>(value: A): Checked<A> => ({ ok: true, value })
const problem = (expected: string, received?: string): Checked<never> =>
  received === undefined ? { ok: false, expected } : { ok: false, expected, received }
const quote = (value: unknown) => JSON.stringify(String(value))

/** What every check expects, in words; also used by help texts and action.yml's descriptions. @since 1.0.0 */
export const EXPECTED = {
  apiKey: "a non-empty key of printable characters without whitespace",
  apiKeyVariable: "set to the SociaVault API key",
  baseUrl:
    "an absolute https URL (http only for localhost or a loopback address), without credentials, query or fragment",
  maxRetries: `a whole number from ${MAX_RETRIES.min} to ${MAX_RETRIES.max}`,
  timeoutSeconds: `a number of seconds above 0 and up to ${TIMEOUT_SECONDS.max}`,
  duration: `a positive duration of at most ${TIMEOUT_SECONDS.max} seconds, such as 30 seconds`,
  credits: "a whole number >= 0",
  checkEvery: `a positive duration of at most ${BUDGET_CHECK_EVERY_SECONDS.max} seconds, such as 30 seconds`,
  boolean: "true or false"
} as const

// Printable ASCII without space: anything else is a copy-paste accident (a trailing newline from a secret file, a
// space) that would make every request fail with a confusing 401.
const API_KEY_PATTERN = /^[\x21-\x7e]+$/

/**
 * Checks an API key. Its value is never echoed: only what is wrong with it.
 *
 * @since 1.0.0
 */
export const checkApiKey = (key: unknown): Checked<string> => {
  if (typeof key !== "string" || key.length === 0) return problem(EXPECTED.apiKey, "an empty value")
  if (!API_KEY_PATTERN.test(key)) return problem(EXPECTED.apiKey, "a value with whitespace or control characters")
  return ok(key)
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["localhost", "[::1]"])

/**
 * Whether a URL hostname names this machine, the only place plain http may carry the key: literal loopback
 * addresses and `localhost` itself. Not `*.localhost`, which is resolved through DNS like any other name.
 *
 * @since 1.0.0
 */
export const isLoopbackHost = (hostname: string): boolean =>
  LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname)

/**
 * Checks a base URL and joins the endpoint to it, keeping any path prefix (a gateway mounting the API under
 * `/sociavault`). Credentials in a refused URL are not echoed.
 *
 * @since 1.0.0
 */
export const creditsUrlOf = (baseUrl: unknown): Checked<URL> => {
  const text = baseUrl instanceof URL ? baseUrl.href : baseUrl
  if (typeof text !== "string" || !URL.canParse(text)) {
    return problem(EXPECTED.baseUrl, quote(neutralize(withoutCredentials(String(text)))))
  }
  const url = new URL(text)
  if (url.username !== "" || url.password !== "") {
    // Never echoed: the credentials are the one part of the URL a log must not show.
    return problem(EXPECTED.baseUrl, "a URL with credentials (user:password@)")
  }
  const secure = url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname))
  if (!secure || url.search !== "" || url.hash !== "") return problem(EXPECTED.baseUrl, quote(url.href))
  const prefix = url.pathname.replace(/\/+$/, "")
  return ok(new URL(`${url.origin}${prefix}${CREDITS_PATH}`))
}

/** Checks a number of retries. @since 1.0.0 */
export const checkMaxRetries = (value: unknown): Checked<number> =>
  Number.isInteger(value) && (value as number) >= MAX_RETRIES.min && (value as number) <= MAX_RETRIES.max
    ? ok(value as number)
    : problem(EXPECTED.maxRetries, quote(value))

/**
 * Checks a timeout in milliseconds: positive and at most {@link TIMEOUT_SECONDS}.max. `shown` is how the user
 * wrote it, for the message.
 *
 * @since 1.0.0
 */
export const checkTimeoutMillis = (millis: number, shown: string): Checked<number> =>
  Number.isFinite(millis) && millis > 0 && millis <= TIMEOUT_SECONDS.max * 1000
    ? ok(millis)
    : problem(EXPECTED.duration, quote(shown))

/**
 * Checks how often CreditBudget re-reads the balance, in milliseconds: positive and at most
 * {@link BUDGET_CHECK_EVERY_SECONDS}.max. `shown` is how the user wrote it, for the message.
 *
 * @since 1.1.0
 */
export const checkCheckEveryMillis = (millis: number, shown: string): Checked<number> =>
  Number.isFinite(millis) && millis > 0 && millis <= BUDGET_CHECK_EVERY_SECONDS.max * 1000
    ? ok(millis)
    : problem(EXPECTED.checkEvery, quote(shown))

/** Checks a credit threshold (min-credits, warn-credits, a guard's amount). @since 1.0.0 */
export const checkCredits = (value: unknown): Checked<number> =>
  Number.isSafeInteger(value) && (value as number) >= 0 ? ok(value as number) : problem(EXPECTED.credits, quote(value))

/**
 * Reads a whole number from text as a person wrote it: decimal digits only (no `0x10`, `1e3`, `-5` or `2.5`), then
 * `check`s it.
 *
 * @since 1.0.0
 */
export const parseWholeNumber = (raw: string, check: (value: number) => Checked<number>): Checked<number> => {
  const text = raw.trim()
  const checked = check(/^\d{1,15}$/.test(text) ? Number(text) : Number.NaN)
  return checked.ok ? checked : problem(checked.expected, quote(raw))
}

/** Reads a timeout in seconds from text (`30`, `2.5`), as the action's input and the CLI's flag take it. @since 1.0.0 */
export const parseSeconds = (raw: string): Checked<number> => {
  const text = raw.trim()
  const seconds = /^\d{1,7}(\.\d{1,3})?$/.test(text) ? Number(text) : Number.NaN
  return seconds > 0 && seconds <= TIMEOUT_SECONDS.max ? ok(seconds) : problem(EXPECTED.timeoutSeconds, quote(raw))
}

/** Reads a boolean as YAML 1.2's core schema writes it (what @actions/core's getBooleanInput accepts). @since 1.0.0 */
export const parseBoolean = (raw: string): Checked<boolean> => {
  if (["true", "True", "TRUE"].includes(raw)) return ok(true)
  if (["false", "False", "FALSE"].includes(raw)) return ok(false)
  return problem(EXPECTED.boolean, quote(raw))
}
