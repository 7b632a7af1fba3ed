/**
 * Validation of the client's options with the shared rules, done once when the client is made so that a bad
 * option fails before any request and never halfway through a retry loop.
 */
import * as Rules from "@sociavault-credits/rules"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { Options } from "../SociaVaultClient.js"
import { InvalidOptions } from "../SociaVaultError.js"

/** @internal */
export interface ResolvedOptions {
  readonly apiKey: Redacted.Redacted<string>
  readonly creditsUrl: URL
  readonly maxRetries: number
  readonly timeoutMillis: number
  readonly attemptTimeoutMillis: number
}

/** A shared rule's verdict on an option, as this SDK's InvalidOptions naming it. @internal */
export const check = <A>(option: string, checked: Rules.Checked<A>): Effect.Effect<A, InvalidOptions> =>
  checked.ok ? Effect.succeed(checked.value) : Effect.fail(invalidOptions(option, checked))

/** A shared check's refusal as this SDK's InvalidOptions naming the option. @internal */
export const invalidOptions = (
  option: string,
  refused: { readonly expected: string; readonly received?: string }
): InvalidOptions =>
  new InvalidOptions(
    refused.received === undefined
      ? { option, expected: refused.expected }
      : { option, expected: refused.expected, received: refused.received }
  )

/**
 * A credit amount given in code (CreditGuard's `atLeast`), checked where it is written: a bad one is a bug in the
 * calling code, thrown as InvalidOptions at once (as a Schema class constructor throws), never carried in the error
 * channel of every guarded effect.
 *
 * @internal
 */
export const creditAmount = (option: string, value: number): number => checkedOrThrow(option, Rules.checkCredits(value))

/**
 * A shared rule's verdict on an option given in code, or InvalidOptions naming it, thrown where the option is
 * written: the way CreditGuard's amounts and CreditBudget's options are refused.
 *
 * @internal
 */
export const checkedOrThrow = <A>(option: string, checked: Rules.Checked<A>): A => {
  if (checked.ok) return checked.value
  throw invalidOptions(option, checked)
}

/** A positive duration of at most the longest timeout, in milliseconds. @internal */
export const checkDuration = (option: string, input: Duration.Input): Effect.Effect<number, InvalidOptions> => {
  const millis = Option.match(Duration.fromInput(input), {
    onNone: () => Number.NaN,
    onSome: (duration) => (Duration.isFinite(duration) ? Duration.toMillis(duration) : Number.NaN)
  })
  return check(option, Rules.checkTimeoutMillis(millis, String(input)))
}

const checkApiKey = (apiKey: unknown): Effect.Effect<Redacted.Redacted<string>, InvalidOptions> =>
  Redacted.isRedacted(apiKey)
    ? Effect.as(check("apiKey", Rules.checkApiKey(Redacted.value(apiKey))), apiKey as Redacted.Redacted<string>)
    : check("apiKey", { ok: false, expected: "a Redacted<string> (use Redacted.make or Config.Redacted)" })

/**
 * Checks every option and fills in the defaults.
 *
 * @internal
 */
export const resolveOptions = (options: Options): Effect.Effect<ResolvedOptions, InvalidOptions> =>
  Effect.gen(function* () {
    const apiKey = yield* checkApiKey(options.apiKey)
    const creditsUrl = yield* check("baseUrl", Rules.creditsUrlOf(options.baseUrl ?? Rules.DEFAULT_BASE_URL))
    const maxRetries = yield* check(
      "maxRetries",
      Rules.checkMaxRetries(options.maxRetries ?? Rules.MAX_RETRIES.default)
    )
    const timeoutMillis = yield* checkDuration(
      "timeout",
      options.timeout ?? Duration.seconds(Rules.TIMEOUT_SECONDS.default)
    )
    const attemptTimeoutMillis =
      options.attemptTimeout === undefined
        ? Math.min(Rules.ATTEMPT_TIMEOUT_SECONDS.default * 1000, timeoutMillis)
        : yield* checkDuration("attemptTimeout", options.attemptTimeout)
    return { apiKey, creditsUrl, maxRetries, timeoutMillis, attemptTimeoutMillis }
  })
