/**
 * Validation of the client's options, done once when the client is made so that a bad option fails before any
 * request and never halfway through a retry loop.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { Options } from "../SociaVaultClient.js"
import { InvalidOptions } from "../SociaVaultError.js"

/** @internal */
export const DEFAULT_BASE_URL = "https://api.sociavault.com"
/** @internal */
export const DEFAULT_MAX_RETRIES = 3
/** @internal */
export const DEFAULT_TIMEOUT: Duration.Duration = Duration.seconds(30)
/** The longest one attempt may take by default, so that a hung connection leaves room for a retry. */
const DEFAULT_ATTEMPT_TIMEOUT: Duration.Duration = Duration.seconds(10)
/** A ceiling on retries: more than this hammers a failing service without helping the caller. */
const MAX_RETRIES_LIMIT = 10

/** @internal */
export interface ResolvedOptions {
  readonly apiKey: Redacted.Redacted<string>
  readonly creditsUrl: URL
  readonly maxRetries: number
  readonly timeout: Duration.Duration
  readonly attemptTimeout: Duration.Duration
}

// Printable ASCII without space: anything else is a copy-paste accident (a trailing newline from a secret
// file, a space) that would make every request fail with a confusing 401.
const API_KEY_PATTERN = /^[\x21-\x7e]+$/

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]"])

/** Whether a URL hostname names this machine, the only place plain http may carry the key. */
export const isLoopbackHost = (hostname: string): boolean =>
  LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname) || hostname.endsWith(".localhost")

const invalid = (option: string, expected: string, received?: string) =>
  new InvalidOptions(received === undefined ? { option, expected } : { option, expected, received })

const quote = (value: unknown) => JSON.stringify(String(value))

const validateApiKey = (apiKey: unknown): Effect.Effect<Redacted.Redacted<string>, InvalidOptions> => {
  // The key's value never goes into the error: only what is wrong with it.
  if (!Redacted.isRedacted(apiKey)) {
    return Effect.fail(invalid("apiKey", "a Redacted<string> (use Redacted.make or Config.redacted)"))
  }
  const value: unknown = Redacted.value(apiKey)
  if (typeof value !== "string" || value.length === 0) {
    return Effect.fail(invalid("apiKey", "a non-empty string", "an empty value"))
  }
  if (!API_KEY_PATTERN.test(value)) {
    return Effect.fail(
      invalid("apiKey", "printable characters without whitespace", "a value with whitespace or control characters")
    )
  }
  return Effect.succeed(apiKey as Redacted.Redacted<string>)
}

const validateBaseUrl = (baseUrl: string | URL): Effect.Effect<URL, InvalidOptions> => {
  const expected = "an absolute https URL (http only for localhost), without credentials, query or fragment"
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    return Effect.fail(invalid("baseUrl", expected, quote(baseUrl)))
  }
  const secure = url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname))
  if (!secure || url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    url.username = ""
    url.password = ""
    return Effect.fail(invalid("baseUrl", expected, quote(url.href)))
  }
  // Keep any path prefix (a gateway mounting the API under /sociavault) and append the endpoint to it.
  const prefix = url.pathname.replace(/\/+$/, "")
  return Effect.succeed(new URL(`${url.origin}${prefix}/v1/credits`))
}

const validateMaxRetries = (maxRetries: number): Effect.Effect<number, InvalidOptions> =>
  Number.isInteger(maxRetries) && maxRetries >= 0 && maxRetries <= MAX_RETRIES_LIMIT
    ? Effect.succeed(maxRetries)
    : Effect.fail(invalid("maxRetries", `a whole number from 0 to ${MAX_RETRIES_LIMIT}`, quote(maxRetries)))

const validateDuration = (
  option: string,
  input: Duration.DurationInput
): Effect.Effect<Duration.Duration, InvalidOptions> => {
  const duration = Duration.decodeUnknown(input)
  return Option.match(duration, {
    onNone: () => Effect.fail(invalid(option, "a duration such as 30 seconds", quote(input))),
    onSome: (d) =>
      Duration.isFinite(d) && Duration.greaterThan(d, Duration.zero)
        ? Effect.succeed(d)
        : Effect.fail(invalid(option, "a positive, finite duration", Duration.format(d)))
  })
}

/**
 * Checks every option and fills in the defaults.
 *
 * @internal
 */
export const resolveOptions = (options: Options): Effect.Effect<ResolvedOptions, InvalidOptions> =>
  Effect.gen(function* () {
    const apiKey = yield* validateApiKey(options.apiKey)
    const creditsUrl = yield* validateBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL)
    const maxRetries = yield* validateMaxRetries(options.maxRetries ?? DEFAULT_MAX_RETRIES)
    const timeout = yield* validateDuration("timeout", options.timeout ?? DEFAULT_TIMEOUT)
    const attemptTimeout =
      options.attemptTimeout === undefined
        ? Duration.min(DEFAULT_ATTEMPT_TIMEOUT, timeout)
        : yield* validateDuration("attemptTimeout", options.attemptTimeout)
    return { apiKey, creditsUrl, maxRetries, timeout, attemptTimeout }
  })
