/**
 * Retries made visible: the SDK logs each retry at Debug level, marked as a retry event (see the rules'
 * `LOG_EVENT`); the CLI prints each as one `retry: ...` line on stderr, so that stdout stays the result (one JSON
 * document with --json). Every other log line of the SDK is dropped: the CLI's output is its own.
 *
 * @since 2.1.0
 */
import * as Rules from "@sociavault-credits/rules"
import * as Console from "effect/Console"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as References from "effect/References"

const textOf = (message: unknown): string =>
  Array.isArray(message) ? message.map((part) => String(part)).join(" ") : String(message)

/**
 * The logger of a check: a retry event becomes `retry: attempt 1 of 4 failed (HTTP 503); retrying in 0.51 s` on
 * stderr, scrubbed of the key and of control characters; anything else is dropped.
 *
 * @since 2.1.0
 */
export const logger = (apiKey: string): Logger.Logger<unknown, void> =>
  Logger.make((options) => {
    const annotations = options.fiber.getRef(References.CurrentLogAnnotations)
    if (annotations[Rules.LOG_EVENT.key] !== Rules.LOG_EVENT.retry) return
    const line = Rules.neutralize(Rules.scrubSecret(textOf(options.message), apiKey))
    options.fiber.getRef(Console.Console).error(`retry: ${line}`)
  })

/**
 * Installs {@link logger} alone, with the minimum level lowered to Debug so that the SDK's retry events get to it.
 *
 * @since 2.1.0
 */
export const layer = (apiKey: string): Layer.Layer<never> =>
  Layer.mergeAll(Logger.layer([logger(apiKey)]), Layer.succeed(References.MinimumLogLevel, "Debug"))
