/**
 * The text of every message the SDKs, the action and the CLI print, written once so that both SDKs say the same
 * thing and a user can search for it. Messages say what happened and what to do; none carries the API key.
 *
 * @since 1.0.0
 */

import type { RetryNotice } from "./retry.js"
import { formatRate, formatSpan, jobBurnRatePerHour } from "./spend.js"
import { isTlsProtocolMismatch, type TransportReason } from "./transport.js"

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`

/**
 * A duration as messages show it: `30s`, `1.5s`, `250ms`.
 *
 * @since 1.0.0
 */
export const formatMillis = (millis: number): string =>
  millis >= 1000 ? `${Number((millis / 1000).toFixed(3))}s` : `${Math.round(millis)}ms`

/**
 * Something the user wrote is unusable; `name` is as they wrote it (an option, an input, a flag, a variable).
 *
 * @since 1.0.0
 */
export const invalid = (name: string, expected: string, received?: string): string =>
  `${name} must be ${expected}${received === undefined ? "" : `, got ${received}`}`

/** @since 1.0.0 */
export const unauthorized = (status: number, details: ServerDetails = {}): string =>
  `SociaVault rejected the API key (HTTP ${status})${detailsOf(details)}: check that the key is set, complete and not revoked`

/** @since 1.0.0 */
export const notFound = (details: ServerDetails = {}): string =>
  `SociaVault found no user for this API key (HTTP 404)${detailsOf(details)}: the account may have been deleted; create a new key`

/**
 * What the server said with an error status, already made safe ({@link serverText}), and its request id: both are
 * what SociaVault's support asks for.
 *
 * @since 1.0.0
 */
export interface ServerDetails {
  readonly serverMessage?: string | undefined
  readonly requestId?: string | undefined
}

const detailsOf = (details: ServerDetails): string => {
  const parts = [
    details.serverMessage === undefined || details.serverMessage === ""
      ? undefined
      : `it said "${details.serverMessage}"`,
    details.requestId === undefined ? undefined : `request id ${details.requestId}`
  ].filter((part) => part !== undefined)
  return parts.length === 0 ? "" : ` (${parts.join("; ")})`
}

/** @since 1.0.0 */
export const serverError = (status: number, attempts: number, details: ServerDetails = {}): string =>
  `SociaVault answered HTTP ${status} after ${plural(attempts, "attempt")}${detailsOf(details)}: the service is failing, try again later`

/** @since 1.0.0 */
export const rateLimited = (attempts: number, retryAfterMillis: number | undefined): string => {
  const wait = retryAfterMillis === undefined ? "" : `; it asked to retry after ${formatMillis(retryAfterMillis)}`
  return `SociaVault rate-limited the request (HTTP 429) after ${plural(attempts, "attempt")}${wait}`
}

/**
 * A request that got no response. A `Tls` or `Address` failure is not retried, and says how to fix it.
 *
 * @since 1.0.0
 */
export const transport = (reason: TransportReason, detail: string, attempts: number): string => {
  const after = `(${detail}) after ${plural(attempts, "attempt")}`
  switch (reason) {
    case "Tls":
      return isTlsProtocolMismatch(detail)
        ? `SociaVault's TLS handshake failed ${after}, not retried: the server does not speak https on that port; check the base URL's scheme and port`
        : `SociaVault's TLS certificate was refused ${after}, not retried: behind a corporate CA or a TLS-inspecting proxy, set NODE_EXTRA_CA_CERTS to that CA's certificate file; otherwise check the base URL's host`
    case "Address":
      return `SociaVault's address can not be used ${after}, not retried: check the base URL's host and port`
    case "Timeout":
      return `SociaVault did not answer in time ${after}: check the network, proxy and base URL`
    case "Connection":
      return `SociaVault could not be reached ${after}: check the network, proxy and base URL`
  }
}

/** A wait as a retry notice shows it: `0.5 s`, `1.25 s`. */
const seconds = (millis: number) => `${Number((millis / 1000).toFixed(2))} s`

/**
 * One line for a retry about to be made: `attempt 1 of 4 failed (HTTP 503); retrying in 0.5 s`.
 *
 * @since 1.1.0
 */
export const retrying = (notice: RetryNotice): string =>
  `attempt ${notice.attempt} of ${notice.maxAttempts} failed (${notice.reason}); retrying in ${seconds(notice.waitMillis)}`

/** The detail of a timeout of the whole call. @since 1.0.0 */
export const overallTimeout = (timeoutMillis: number): string =>
  `no balance within the ${formatMillis(timeoutMillis)} timeout`

/** The detail of a timeout of one attempt. @since 1.0.0 */
export const attemptTimeout = (attemptTimeoutMillis: number): string =>
  `no response within ${formatMillis(attemptTimeoutMillis)}`

/** @since 1.0.0 */
export const invalidResponse = (status: number, detail: string): string =>
  `SociaVault answered HTTP ${status} with a body that is not a credit balance: ${detail}`

/** Why a redirect was not followed. @since 1.0.0 */
export type RefusedRedirect =
  | { readonly _tag: "CrossOrigin"; readonly host: string }
  | { readonly _tag: "Credentials" }
  | { readonly _tag: "Unusable" }

/** @since 1.0.0 */
export const unexpectedStatus = (
  status: number,
  attempts: number,
  details: ServerDetails = {},
  redirect?: RefusedRedirect
): string => {
  switch (redirect?._tag) {
    case "CrossOrigin":
      return `SociaVault redirected (HTTP ${status}) to another origin, ${redirect.host}; it was not followed so the API key stays with the configured base URL`
    case "Credentials":
      return `SociaVault redirected (HTTP ${status}) to a URL with credentials; it was not followed`
    case "Unusable":
      return `SociaVault redirected (HTTP ${status}) without a usable location, or in a loop; it was not followed`
    default:
      return `SociaVault answered with unexpected HTTP ${status} after ${plural(attempts, "attempt")}${detailsOf(details)}`
  }
}

/** @since 1.0.0 */
export const bodyTooLarge = (maxBytes: number): string => `the body is larger than ${maxBytes / 1024} KB`

/** A 204, or a 2xx with nothing in its body. @since 1.1.0 */
export const bodyEmpty = (): string => "the body is empty"

/** A balance field holding the key: the balance is refused, and the value never shown. @since 1.1.0 */
export const secretInField = (field: string): string =>
  `${field} holds the API key or a piece of it, so the balance is not used (the value is not shown)`

/** @since 1.0.0 */
export const bodyNotUtf8 = (): string => "the body is not valid UTF-8"

/** @since 1.0.0 */
export const insufficientCredits = (balance: number, required: number): string =>
  `SociaVault balance is ${balance} credits, but ${required} are required: top up the account`

/** A gate's failure below its minimum; `minName` is how the user set it (min-credits, --min-credits). @since 1.0.0 */
export const belowMinimum = (credits: number, minName: string, minCredits: number): string =>
  `SociaVault balance is ${credits} credits, below ${minName} ${minCredits}`

/** A gate's warning below its warning threshold. @since 1.0.0 */
export const belowWarning = (credits: number, warnName: string, warnCredits: number): string =>
  `SociaVault balance is ${credits} credits, below ${warnName} ${warnCredits}`

/** A gate's failure on a subscription that is not active. @since 1.0.0 */
export const inactive = (status: string, requireName: string): string =>
  `SociaVault subscription is ${status}, and ${requireName} is set`

/** The key was not given at all. @since 1.0.0 */
export const missingApiKey = (name: string, how: string): string => `${name} is required: ${how}`

/**
 * A budget's failure: the balance fell by more than its limit while the program or job ran. `maxName` is how the
 * user set the limit (maxSpend, max-spend).
 *
 * @since 1.1.0
 */
export const budgetExceeded = (spent: number, maxName: string, maxSpend: number, balance: number): string =>
  `SociaVault credits spent ${spent}, more than ${maxName} ${maxSpend} (balance now ${balance}): the run was stopped; raise ${maxName} if the spend is expected, or find what spends the credits (every client of the account counts)`

/** Said once when a check succeeded only after retries. @since 1.1.0 */
export const neededRetries = (retries: number): string =>
  `SociaVault answered after ${retries} ${retries === 1 ? "retry" : "retries"}: the API or the network is struggling`

/** A subscription in trouble that the gate was not asked to refuse. @since 1.1.0 */
export const subscriptionNotActive = (status: string, requireName: string): string =>
  `SociaVault subscription is ${status}, not active: calls may start failing; set ${requireName} to fail the step on it`

/**
 * The post step's failure: the balance fell by more than `max-spend` during the job.
 *
 * @since 1.1.0
 */
export const jobOverspent = (spent: number, maxName: string, maxSpend: number, balance: number): string =>
  `SociaVault credits spent during this job: ${spent}, more than ${maxName} ${maxSpend} (balance now ${balance}); every client of the account counts, not only this job`

/** The post step could not read the closing balance, and no limit was set: a warning, not a failure. @since 1.1.0 */
export const spendUnknown = (why: string): string => `The credits spent during this job are unknown: ${why}`

/** The post step could not read the closing balance while a limit was set. @since 1.1.0 */
export const spendUnverified = (maxName: string, why: string): string =>
  `The credits spent during this job could not be checked against ${maxName}: ${why}`

/**
 * What a job's run did to the balance, in one line: the spend (or the top-up), the balance before and after, how long
 * and how fast. The balance is the account's: other clients of it count too.
 *
 * @since 1.1.0
 */
export const jobSpend = (before: number, after: number, elapsedMillis: number): string => {
  const spent = Math.max(0, before - after)
  const span = formatSpan(elapsedMillis)
  if (after > before)
    return `SociaVault balance rose by ${after - before} credits during this job (a top-up): ${before} → ${after} in ${span}`
  const rate = jobBurnRatePerHour(spent, elapsedMillis)
  return `SociaVault credits spent during this job: ${spent} (${before} → ${after} in ${span}${rate === undefined ? "" : `, ${formatRate(rate)}`})`
}

/**
 * Someone gave the key as a flag (`--api-key ...`): it is read from a variable only. The value is never repeated.
 *
 * @since 1.1.0
 */
export const keyFlag = (flag: string, variable: string): string =>
  `${flag} is not a flag: the API key is read from ${variable} only, so that it stays out of shell history and process lists; export ${variable} instead (the value given was not used or shown)`

/** A flag that takes one value was given more than once. @since 1.1.0 */
export const repeatedFlag = (flag: string, times: number): string => `${flag} was given ${times} times: give it once`

/** A server could not listen where it was told to; `flags` are how the user chose the address. @since 1.1.0 */
export const cannotListen = (address: string, flags: string, reason: string): string =>
  `cannot serve metrics on ${address} (${reason}): choose another ${flags}`

/** Where `watch --metrics-port` serves its metrics, printed once on stderr (port 0 resolved). @since 1.1.0 */
export const servingMetrics = (url: string): string => `serving metrics on ${url}`

/** A budget's re-read failed; the budget goes on and reads again at its next check. @since 1.1.0 */
export const budgetReadFailed = (detail: string): string =>
  `CreditBudget could not re-read the balance, trying again at the next check: ${detail}`
