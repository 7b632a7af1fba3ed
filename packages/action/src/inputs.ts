/**
 * The action's inputs, read with @actions/core and checked before anything is sent.
 */
import * as core from "@actions/core"
import { SociaVaultClient } from "@sociavault-credits/core"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"

/** The inputs once checked. */
export interface ActionInputs {
  readonly apiKey: Redacted.Redacted<string>
  readonly minCredits: number
  readonly warnCredits: number | undefined
  readonly requireActiveSubscription: boolean
  readonly baseUrl: string
  readonly timeoutSeconds: number
  readonly maxRetries: number
}

/** One or more inputs are unusable; the message names each of them and what is expected. */
export class InvalidInputs extends Data.TaggedError("InvalidInputs")<{ readonly problems: ReadonlyArray<string> }> {
  override get message(): string {
    return this.problems.join("; ")
  }
}

type Parsed<A> = Either.Either<A, string>

const got = (name: string, expected: string, raw: string) => `${name} must be ${expected}, got ${JSON.stringify(raw)}`

const wholeNumber =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (name: string, raw: string): Parsed<number> => {
    const expected =
      max === Number.MAX_SAFE_INTEGER ? `a whole number >= ${min}` : `a whole number from ${min} to ${max}`
    if (!/^\d+$/.test(raw)) return Either.left(got(name, expected, raw))
    const value = Number(raw)
    return value >= min && value <= max ? Either.right(value) : Either.left(got(name, expected, raw))
  }

const positiveSeconds = (name: string, raw: string): Parsed<number> => {
  const value = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN
  return value > 0 && value <= 3600
    ? Either.right(value)
    : Either.left(got(name, "a number of seconds from 0 to 3600", raw))
}

// The YAML 1.2 core schema's booleans, as core.getBooleanInput accepts them.
const boolean = (name: string, raw: string): Parsed<boolean> => {
  if (["true", "True", "TRUE"].includes(raw)) return Either.right(true)
  if (["false", "False", "FALSE"].includes(raw)) return Either.right(false)
  return Either.left(got(name, "true or false", raw))
}

/** Reads an input, using `fallback` when it is empty (GitHub passes unset inputs as ""). */
const read = <A>(name: string, fallback: string, parse: (name: string, raw: string) => Parsed<A>): Parsed<A> =>
  parse(name, core.getInput(name) || fallback)

/**
 * Reads and checks every input, reporting all problems at once. The key is masked by the caller before this runs;
 * its value never appears in a problem.
 */
export const readInputs: Effect.Effect<ActionInputs, InvalidInputs> = Effect.suspend(() => {
  const key = core.getInput("api-key")
  const apiKey: Parsed<Redacted.Redacted<string>> =
    key === ""
      ? Either.left("api-key is required: pass the SociaVault API key from a repository secret")
      : Either.right(Redacted.make(key))
  const minCredits = read("min-credits", "0", wholeNumber(0))
  const warnRaw = core.getInput("warn-credits")
  const warnCredits: Parsed<number | undefined> =
    warnRaw === "" ? Either.right(undefined) : wholeNumber(0)("warn-credits", warnRaw)
  const requireActiveSubscription = read("require-active-subscription", "false", boolean)
  const baseUrl: Parsed<string> = Either.right(core.getInput("base-url") || SociaVaultClient.defaultBaseUrl)
  const timeoutSeconds = read("timeout-seconds", "30", positiveSeconds)
  const maxRetries = read("max-retries", "3", wholeNumber(0, 10))

  const parsed = { apiKey, minCredits, warnCredits, requireActiveSubscription, baseUrl, timeoutSeconds, maxRetries }
  const all = Either.all(parsed)
  if (Either.isRight(all)) return Effect.succeed(all.right)
  const results: ReadonlyArray<Parsed<unknown>> = Object.values(parsed)
  const problems = results.flatMap((result) => (Either.isLeft(result) ? [result.left] : []))
  return Effect.fail(new InvalidInputs({ problems }))
})

/** The action's name for each of the SDK's options, so an SDK-side check names the input the user wrote. */
export const inputNameOf: Record<string, string> = {
  apiKey: "api-key",
  baseUrl: "base-url",
  maxRetries: "max-retries",
  timeout: "timeout-seconds"
}
