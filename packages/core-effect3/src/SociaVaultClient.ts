/**
 * The SociaVault client: `GET /v1/credits` as an Effect with typed errors, retries and timeouts.
 *
 * @since 1.0.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import type { CreditBalance } from "./CreditBalance.js"
import { interpretResponse } from "./internal/interpret.js"
import { DEFAULT_BASE_URL, resolveOptions } from "./internal/options.js"
import { retryPolicy } from "./internal/retryPolicy.js"
import { makeSendRequest } from "./internal/transport.js"
import { type InvalidOptions, type SociaVaultError, TransportError } from "./SociaVaultError.js"
import * as SociaVaultMetrics from "./SociaVaultMetrics.js"

/**
 * What the client needs to know.
 *
 * @since 1.0.0
 * @category models
 */
export interface Options {
  /** The SociaVault API key, sent as `X-API-Key` to the base URL's origin and nowhere else. */
  readonly apiKey: Redacted.Redacted<string>
  /** Where the API lives; a path prefix is kept. Plain `http:` only for localhost. Default `https://api.sociavault.com`. */
  readonly baseUrl?: string | URL | undefined
  /** Retries after the first attempt, for 408, 429, 5xx and transport failures. Default 3, at most 10. */
  readonly maxRetries?: number | undefined
  /** The whole call, retries and waits included. Default 30 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
  /** One attempt. Default 10 seconds, or `timeout` when that is shorter. */
  readonly attemptTimeout?: Duration.DurationInput | undefined
}

/**
 * The client's interface.
 *
 * @since 1.0.0
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
 * @since 1.0.0
 * @category tags
 */
export class SociaVaultClient extends Context.Tag("@sociavault-credits/core/SociaVaultClient")<
  SociaVaultClient,
  Service
>() {}

/**
 * The default base URL, SociaVault's production API.
 *
 * @since 1.0.0
 * @category constants
 */
export const defaultBaseUrl: string = DEFAULT_BASE_URL

/**
 * Makes a client on the `HttpClient` in the context. Fails with `InvalidOptions`, before any request, when an
 * option is unusable.
 *
 * @since 1.0.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Service, InvalidOptions, HttpClient.HttpClient> =>
  Effect.gen(function* () {
    const resolved = yield* resolveOptions(options)
    const httpClient = yield* HttpClient.HttpClient

    const sendRequest = makeSendRequest(httpClient, resolved)
    const attemptTimeoutMillis = Duration.toMillis(resolved.attemptTimeout)

    // One timer per attempt serves both limits: an attempt may run for attemptTimeout, or until the call's
    // deadline when that comes first, and then fails with the overall timeout.
    const attemptOnce = (attempt: number, deadline: number) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        // Whole milliseconds: jittered delays are fractional, and a sliver of time left is no time at all.
        const remaining = Math.floor(deadline - now)
        const overall = remaining <= attemptTimeoutMillis
        const timeoutError = () =>
          new TransportError({
            reason: "Timeout",
            detail: overall
              ? `no balance within the ${Duration.format(resolved.timeout)} timeout`
              : `no response within ${Duration.format(resolved.attemptTimeout)}`,
            attempts: attempt
          })
        if (remaining <= 0) return Effect.fail(timeoutError())
        return sendRequest(attempt).pipe(
          Effect.tap((response) => Effect.annotateCurrentSpan("http.response.status_code", response.status)),
          Effect.flatMap((response) => interpretResponse(response, attempt)),
          Effect.timeoutFail({ duration: overall ? remaining : attemptTimeoutMillis, onTimeout: timeoutError }),
          Effect.withSpan("SociaVaultClient.attempt", {
            attributes: { "sociavault.attempt": attempt },
            captureStackTrace: false
          })
        )
      })

    const getCredits = Effect.flatMap(Clock.currentTimeMillis, (start) => {
      const deadline = start + Duration.toMillis(resolved.timeout)
      let attempts = 0
      return Effect.suspend(() => attemptOnce(++attempts, deadline)).pipe(
        Effect.retry(retryPolicy(resolved.maxRetries, deadline)),
        Effect.onExit(() => Effect.annotateCurrentSpan("sociavault.attempts", attempts))
      )
    }).pipe(
      SociaVaultMetrics.track,
      // Spans skip stack capture: an Error per span per call costs more than the rest of the SDK's work.
      Effect.withSpan("SociaVaultClient.getCredits", {
        attributes: { "sociavault.url": resolved.creditsUrl.href },
        captureStackTrace: false
      })
    )

    return SociaVaultClient.of({ getCredits, creditsUrl: resolved.creditsUrl })
  })

/**
 * A layer of the client with the given options.
 *
 * @since 1.0.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<SociaVaultClient, InvalidOptions, HttpClient.HttpClient> =>
  Layer.effect(SociaVaultClient, make(options))

/**
 * A duration from configuration: a number of seconds (`30`) or a duration (`30 seconds`, `1500 millis`).
 */
const durationConfig = (name: string): Config.Config<Duration.Duration> =>
  Config.string(name).pipe(
    Config.mapOrFail((text) => {
      const trimmed = text.trim()
      const duration = /^\d+(\.\d+)?$/.test(trimmed)
        ? Option.some(Duration.seconds(Number(trimmed)))
        : Duration.decodeUnknown(trimmed)
      return Either.fromOption(duration, () =>
        ConfigError.InvalidData([], `Expected a number of seconds or a duration, got "${trimmed}"`)
      )
    })
  )

/**
 * The options read from the environment: `SOCIAVAULT_API_KEY` (required), and `SOCIAVAULT_BASE_URL`,
 * `SOCIAVAULT_MAX_RETRIES`, `SOCIAVAULT_TIMEOUT` (seconds or a duration).
 *
 * @since 1.0.0
 * @category config
 */
export const config: Config.Config<Options> = Config.all({
  apiKey: Config.redacted("SOCIAVAULT_API_KEY"),
  baseUrl: Config.string("SOCIAVAULT_BASE_URL").pipe(Config.withDefault(DEFAULT_BASE_URL)),
  maxRetries: Config.option(Config.integer("SOCIAVAULT_MAX_RETRIES")).pipe(Config.map(Option.getOrUndefined)),
  timeout: Config.option(durationConfig("SOCIAVAULT_TIMEOUT")).pipe(Config.map(Option.getOrUndefined))
})

/**
 * A layer of the client configured through `Config`: by default {@link config}, from the environment.
 *
 * @since 1.0.0
 * @category layers
 */
export const layerConfig = (
  options: Config.Config.Wrap<Options> = config
): Layer.Layer<SociaVaultClient, InvalidOptions | ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(SociaVaultClient, Effect.flatMap(Config.unwrap(options), make))

/**
 * Reads the credit balance with the client in the context.
 *
 * @since 1.0.0
 * @category accessors
 */
export const getCredits: Effect.Effect<CreditBalance, SociaVaultError, SociaVaultClient> = Effect.flatMap(
  SociaVaultClient,
  (client) => client.getCredits
)
