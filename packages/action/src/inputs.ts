/**
 * The action's inputs, read with @actions/core and checked with the shared rules before anything is sent.
 */
import * as core from "@actions/core"
import * as Rules from "@sociavault-credits/rules"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
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
  /** The post step fails the job when the balance fell by more than this during it; no limit when undefined. */
  readonly maxSpend: number | undefined
  /** Whether the main step saves the starting balance and the post step reports the spend. */
  readonly trackSpend: boolean
}

/** One or more inputs are unusable; the message names each of them and what is expected. */
export class InvalidInputs extends Data.TaggedError("InvalidInputs")<{ readonly problems: ReadonlyArray<string> }> {
  override get message(): string {
    return this.problems.join("; ")
  }
}

const NAMES = Rules.SETTINGS

/** Where the inputs come from: @actions/core on a runner, a record in tests. */
export type InputSource = (name: string) => string

/** The runner's inputs. */
export const runnerInputs: InputSource = (name) => core.getInput(name)

/**
 * Reads and checks every input, reporting all problems at once. The key is masked by the caller before this runs;
 * its value never appears in a problem. GitHub passes an unset input as "", which means its default.
 */
export const readInputs = (input: InputSource): Effect.Effect<ActionInputs, InvalidInputs> =>
  Effect.suspend(() => {
    const problems: Array<string> = []
    const read = <A>(name: string, fallback: A, parse: (raw: string) => Rules.Checked<A>): A => {
      const raw = input(name)
      if (raw === "") return fallback
      const checked = parse(raw)
      if (checked.ok) return checked.value
      problems.push(Rules.Messages.invalid(name, checked.expected, checked.received))
      return fallback
    }
    const key = input(NAMES.apiKey.input)
    if (key === "") {
      problems.push(
        Rules.Messages.missingApiKey(NAMES.apiKey.input, "pass the SociaVault API key from a repository secret")
      )
    } else {
      const checked = Rules.checkApiKey(key)
      if (!checked.ok) problems.push(Rules.Messages.invalid(NAMES.apiKey.input, checked.expected, checked.received))
    }
    const wholeNumber = (check: (value: number) => Rules.Checked<number>) => (raw: string) =>
      Rules.parseWholeNumber(raw, check)
    const inputs: ActionInputs = {
      apiKey: Redacted.make(key),
      minCredits: read(NAMES.minCredits.input, Rules.MIN_CREDITS.default, wholeNumber(Rules.checkCredits)),
      warnCredits: read<number | undefined>(NAMES.warnCredits.input, undefined, wholeNumber(Rules.checkCredits)),
      requireActiveSubscription: read(NAMES.requireActive.input, false, Rules.parseBoolean),
      baseUrl: read(NAMES.baseUrl.input, Rules.DEFAULT_BASE_URL, (raw) => ({ ok: true, value: raw })),
      timeoutSeconds: read(NAMES.timeout.input, Rules.TIMEOUT_SECONDS.default, Rules.parseSeconds),
      maxRetries: read(NAMES.maxRetries.input, Rules.MAX_RETRIES.default, wholeNumber(Rules.checkMaxRetries)),
      maxSpend: read<number | undefined>(NAMES.maxSpend.input, undefined, wholeNumber(Rules.checkCredits)),
      trackSpend: read(NAMES.trackSpend.input, Rules.TRACK_SPEND.default, Rules.parseBoolean)
    }
    return problems.length === 0 ? Effect.succeed(inputs) : Effect.fail(new InvalidInputs({ problems }))
  })

/** The action's name for each of the SDK's options, so an SDK-side check names the input the user wrote. */
export const inputNameOf = (option: string): string =>
  Object.values(NAMES).find((names) => names.option === option)?.input ?? option
