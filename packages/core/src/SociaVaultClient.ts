/**
 * The SociaVault client: `GET /v1/credits` as an Effect with typed errors, retries and timeouts.
 *
 * @example
 * ```ts
 * import { SociaVaultClient } from "@sociavault-credits/core"
 * import { Effect, Layer, Redacted } from "effect"
 * import { FetchHttpClient } from "effect/http"
 *
 * const program = Effect.gen(function* () {
 *   const balance = yield* SociaVaultClient.getCredits
 *   console.log(`${balance.credits} credits, subscription ${balance.subscriptionStatus}`)
 * })
 *
 * // The options given directly; SociaVaultClient.layerConfig() reads them from SOCIAVAULT_* variables instead.
 * const SociaVault = SociaVaultClient.layer({
 *   apiKey: Redacted.make(process.env.SOCIAVAULT_API_KEY ?? ""),
 *   baseUrl: process.env.SOCIAVAULT_BASE_URL,
 *   maxRetries: 2,
 *   timeout: "10 seconds"
 * }).pipe(Layer.provide(FetchHttpClient.layer))
 *
 * Effect.runPromise(Effect.provide(program, SociaVault))
 * ```
 *
 * @since 2.0.0
 */
import * as Rules from "@sociavault-credits/rules"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import type { CreditBalance } from "./CreditBalance.js"
import { interpretResponse } from "./internal/interpret.js"
import { resolveOptions } from "./internal/options.js"
import { makeSendRequest } from "./internal/transport.js"
import { InvalidOptions, type SociaVaultError, TransportError } from "./SociaVaultError.js"
import * as SociaVaultMetrics from "./SociaVaultMetrics.js"

/**
 * What the client needs to know.
 *
 * @since 2.0.0
 * @category models
 */
export interface Options {
  /** The SociaVault API key, sent as `X-API-Key` to the base URL's origin and nowhere else. */
  readonly apiKey: Redacted.Redacted<string>
  /** Where the API lives; a path prefix is kept. Plain `http:` only for localhost. Default `https://api.sociavault.com`. */
  readonly baseUrl?: string | URL | undefined
  /** Retries after the first attempt, for 408, 429, 5xx and transport failures. Default 3, at most 10. */
  readonly maxRetries?: number | undefined
  /** The whole call, retries and waits included. Default 30 seconds, at most 1 hour. */
  readonly timeout?: Duration.Input | undefined
  /** One attempt. Default 10 seconds, or `timeout` when that is shorter. */
  readonly attemptTimeout?: Duration.Input | undefined
}

/**
 * The client's interface.
 *
 * @since 2.0.0
 * @category models
 */
export interface Service {
  /** Reads the account's credit balance. */
  readonly getCredits: Effect.Effect<CreditBalance, SociaVaultError>
  /** The URL the balance is read from, for logs and diagnostics. */
  readonly creditsUrl: URL
}

/**
 * The service tag of the client.
 *
 * @since 2.0.0
 * @category tags
 */
export class SociaVaultClient extends Context.Service<SociaVaultClient, Service>()(
  "@sociavault-credits/core/SociaVaultClient"
) {}

/**
 * The default base URL, SociaVault's production API.
 *
 * @since 2.0.0
 * @category constants
 */
export const defaultBaseUrl: string = Rules.DEFAULT_BASE_URL

const retryAfterMillisOf = (error: SociaVaultError): number | undefined =>
  (error._tag === "RateLimited" || error._tag === "ServerError") && error.retryAfter !== undefined
    ? Duration.toMillis(error.retryAfter)
    : undefined

/**
 * One debug log per retry, right before its wait, annotated with the notice's fields under `sociavault.event:
 * retry`, so that a logger (the action's `::debug::` lines, the CLI's stderr) can tell retries apart.
 */
const logRetry = (notice: Rules.RetryNotice): Effect.Effect<void> =>
  Effect.logDebug(Rules.Messages.retrying(notice)).pipe(
    Effect.annotateLogs({ [Rules.LOG_EVENT.key]: Rules.LOG_EVENT.retry, ...notice })
  )

/**
 * Makes a client on the `HttpClient` in the context. Fails with `InvalidOptions`, before any request, when an
 * option is unusable.
 *
 * @since 2.0.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Service, InvalidOptions, HttpClient.HttpClient> =>
  Effect.gen(function* () {
    const resolved = yield* resolveOptions(options)
    const httpClient = yield* HttpClient.HttpClient
    const sendRequest = makeSendRequest(httpClient, resolved)

    const secret = Redacted.value(resolved.apiKey)

    // One timer per attempt serves both limits: an attempt may run for attemptTimeout, or until the call's
    // deadline when that comes first, and then fails with the overall timeout.
    const attemptOnce = (attempt: number, remaining: number) => {
      const overall = remaining <= resolved.attemptTimeoutMillis
      const timeoutError = () =>
        new TransportError({
          reason: "Timeout",
          detail: overall
            ? Rules.Messages.overallTimeout(resolved.timeoutMillis)
            : Rules.Messages.attemptTimeout(resolved.attemptTimeoutMillis),
          attempts: attempt
        })
      return sendRequest(attempt).pipe(
        Effect.tap((response) => Effect.annotateCurrentSpan(Rules.SPANS.status, response.status)),
        Effect.flatMap((response) => interpretResponse(response, attempt, secret)),
        Effect.timeoutOrElse({
          duration: overall ? remaining : resolved.attemptTimeoutMillis,
          orElse: () => Effect.fail(timeoutError())
        }),
        Effect.withSpan(
          Rules.SPANS.attempt,
          { attributes: { [Rules.SPANS.attemptNumber]: attempt } },
          { captureStackTrace: false }
        )
      )
    }

    const getCredits = Effect.flatMap(Clock.currentTimeMillis, (start) => {
      const deadline = start + resolved.timeoutMillis
      // Requests sent so far: every error reports this count, never an attempt that was not made.
      let attempts = 0
      // The retry policy is the shared rules' planRetry: transient failures only, backoff with jitter or the
      // server's Retry-After, at most maxRetries, and no wait that would end past the deadline.
      const attemptWithRetries = (): Effect.Effect<CreditBalance, SociaVaultError> =>
        Effect.flatMap(Clock.currentTimeMillis, (now) =>
          attemptOnce(++attempts, deadline - now).pipe(
            Effect.catch((error) =>
              Effect.flatMap(Effect.all([Clock.currentTimeMillis, Random.next]), ([now, random]) => {
                const delay = Rules.planRetry({
                  failure: error,
                  retryAfterMillis: retryAfterMillisOf(error),
                  attempts,
                  maxRetries: resolved.maxRetries,
                  nowMillis: now,
                  deadlineMillis: deadline,
                  random
                })
                return delay === undefined
                  ? Effect.fail(error)
                  : Effect.andThen(
                      logRetry(Rules.retryNoticeOf(error, attempts, resolved.maxRetries, delay)),
                      Effect.andThen(Effect.sleep(delay), attemptWithRetries())
                    )
              })
            )
          )
        )
      return attemptWithRetries().pipe(Effect.onExit(() => Effect.annotateCurrentSpan(Rules.SPANS.attempts, attempts)))
    }).pipe(
      SociaVaultMetrics.track,
      // Spans skip stack capture: an Error per span per call costs more than the rest of the SDK's work.
      Effect.withSpan(
        Rules.SPANS.getCredits,
        { attributes: { [Rules.SPANS.url]: resolved.creditsUrl.href } },
        { captureStackTrace: false }
      )
    )

    return SociaVaultClient.of({ getCredits, creditsUrl: resolved.creditsUrl })
  })

/**
 * A layer of the client with the given options.
 *
 * @since 2.0.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<SociaVaultClient, InvalidOptions, HttpClient.HttpClient> =>
  Layer.effect(SociaVaultClient, make(options))

/**
 * A variable refused by a shared check. Config wants a ConfigError; the InvalidOptions naming the variable rides in
 * it as the cause, and layerConfig hands that on: an Error with a readable message, where Effect 4's ConfigError
 * is not an Error (a rejected runPromise would print it as "[object Object]").
 */
const refuse = (name: string, expected: string, received?: string) => {
  const invalid = new InvalidOptions(
    received === undefined ? { option: name, expected } : { option: name, expected, received }
  )
  return Effect.fail(
    new Config.ConfigError(new ConfigProvider.SourceError({ message: invalid.message, cause: invalid }))
  )
}

/** Our own refusals come out of layerConfig as the InvalidOptions they carry; other config errors as they are. */
const invalidOptionsOf = (error: Config.ConfigError): InvalidOptions | Config.ConfigError =>
  error.cause instanceof ConfigProvider.SourceError && error.cause.cause instanceof InvalidOptions
    ? error.cause.cause
    : error

/** A variable's value read with one of the shared checks; a refusal names the variable. */
const checkedVariable = <A>(name: string, read: (text: string) => Rules.Checked<A>): Config.Config<A> =>
  Config.String(name).pipe(
    Config.mapEffect((text) => {
      const checked = read(text)
      return checked.ok ? Effect.succeed(checked.value) : refuse(name, checked.expected, checked.received)
    })
  )

/** The key: unset and empty are both "missing", said in the variable's name rather than as a schema error. */
const apiKeyVariable = (name: string): Config.Config<Redacted.Redacted<string>> =>
  Config.String(name).pipe(
    Config.withDefault(""),
    Config.mapEffect((text) => {
      if (text === "") return refuse(name, Rules.EXPECTED.apiKeyVariable)
      const checked = Rules.checkApiKey(text)
      return checked.ok
        ? Effect.succeed(Redacted.make(checked.value))
        : refuse(name, checked.expected, checked.received)
    })
  )

const optionalVariable = <A>(config: Config.Config<A>): Config.Config<A | undefined> =>
  Config.option(config).pipe(Config.map(Option.getOrUndefined))

/** A timeout from the environment: a number of seconds (`30`) or a duration (`45 seconds`, `1500 millis`). */
const readTimeout = (text: string): Rules.Checked<Duration.Duration> => {
  const seconds = Rules.parseSeconds(text)
  if (seconds.ok) return { ok: true, value: Duration.seconds(seconds.value) }
  const duration = Duration.fromInput(text.trim() as Duration.Input)
  const millis = Option.match(duration, { onNone: () => Number.NaN, onSome: Duration.toMillis })
  const checked = Rules.checkTimeoutMillis(millis, text)
  return checked.ok ? { ok: true, value: Duration.millis(checked.value) } : checked
}

/** A base URL from the environment, as the user wrote it, once the shared check accepts it. */
const readBaseUrl = (text: string): Rules.Checked<string> => {
  const checked = Rules.creditsUrlOf(text)
  return checked.ok ? { ok: true, value: text } : checked
}

const env = Rules.SETTINGS

/**
 * The options read from the environment: `SOCIAVAULT_API_KEY` (required), and `SOCIAVAULT_BASE_URL`,
 * `SOCIAVAULT_MAX_RETRIES`, `SOCIAVAULT_TIMEOUT` (seconds or a duration). A bad value fails naming its variable.
 *
 * @since 2.0.0
 * @category config
 */
export const config: Config.Config<Options> = Config.all({
  apiKey: apiKeyVariable(env.apiKey.env),
  // Checked here, not only when the client is made, so that a refusal names the variable rather than `baseUrl`.
  baseUrl: optionalVariable(checkedVariable(env.baseUrl.env, readBaseUrl)),
  maxRetries: optionalVariable(
    checkedVariable(env.maxRetries.env, (text) => Rules.parseWholeNumber(text, Rules.checkMaxRetries))
  ),
  timeout: optionalVariable(checkedVariable(env.timeout.env, readTimeout))
})

/**
 * A layer of the client configured through `Config`: by default {@link config}, from the environment.
 *
 * @since 2.0.0
 * @category layers
 */
export const layerConfig = (
  options: Config.Wrap<Options> = config
): Layer.Layer<SociaVaultClient, InvalidOptions | Config.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(SociaVaultClient, Effect.flatMap(Effect.mapError(Config.unwrap(options), invalidOptionsOf), make))

/**
 * Reads the credit balance with the client in the context.
 *
 * @since 2.0.0
 * @category accessors
 */
export const getCredits: Effect.Effect<CreditBalance, SociaVaultError, SociaVaultClient> = Effect.flatMap(
  SociaVaultClient,
  (client) => client.getCredits
)
