/**
 * The `sociavault-credits` command: one balance check for GitLab CI, Jenkins, cron or a terminal. The key comes
 * from SOCIAVAULT_API_KEY only, never from a flag that would land in shell history or a process list.
 *
 * @since 1.0.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { CreditThresholds, SociaVaultClient } from "@sociavault-credits/core"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { exitCodeOf, type Report, toJson, toText } from "./report.js"

/** The CLI's version, printed by --version. */
export const VERSION = "1.0.0"

const wholeNumber = (name: string, description: string, fallback: number) =>
  Options.integer(name).pipe(
    Options.withDescription(description),
    Options.withDefault(fallback),
    Options.filterMap((n) => (n >= 0 ? Option.some(n) : Option.none()), `--${name} must be a whole number >= 0`)
  )

const options = {
  minCredits: wholeNumber("min-credits", "Exit 1 when the balance is below this many credits.", 0),
  warnCredits: Options.integer("warn-credits").pipe(
    Options.withDescription("Print a warning when the balance is below this many credits."),
    Options.optional
  ),
  requireActive: Options.boolean("require-active").pipe(
    Options.withDescription("Exit 1 unless the subscription status is active.")
  ),
  baseUrl: Options.text("base-url").pipe(
    Options.withDescription("The SociaVault API base URL."),
    Options.withDefault(SociaVaultClient.defaultBaseUrl)
  ),
  timeout: Options.float("timeout").pipe(
    Options.withDescription("Seconds the whole check may take, retries included."),
    Options.withDefault(30)
  ),
  maxRetries: wholeNumber("max-retries", "Retries for 408, 429, 5xx and network errors (0 to 10).", 3),
  json: Options.boolean("json").pipe(Options.withDescription("Print one JSON object instead of text."))
}

type Parsed = Command.Command.ParseConfig<typeof options>

/** Reads the balance and judges it; every failure becomes an error report, never an exception. */
const check = (parsed: Parsed): Effect.Effect<Report> => {
  const thresholds: CreditThresholds.Thresholds = {
    minCredits: parsed.minCredits,
    warnCredits: Option.getOrUndefined(parsed.warnCredits),
    requireActive: parsed.requireActive
  }
  const client = Layer.unwrapEffect(
    Effect.map(
      Config.redacted("SOCIAVAULT_API_KEY").pipe(
        Effect.mapError(() => ({
          _tag: "MissingApiKey" as const,
          message: "SOCIAVAULT_API_KEY is not set: export the SociaVault API key in the environment"
        }))
      ),
      (apiKey) =>
        SociaVaultClient.layer({
          apiKey,
          baseUrl: parsed.baseUrl,
          maxRetries: parsed.maxRetries,
          timeout: Duration.seconds(parsed.timeout)
        })
    )
  ).pipe(Layer.provide(FetchHttpClient.layer))

  return SociaVaultClient.getCredits.pipe(
    Effect.provide(client),
    Effect.map((balance): Report => {
      const evaluation = CreditThresholds.evaluate(balance, thresholds)
      return { ok: evaluation.passes, balance, thresholds, evaluation }
    }),
    Effect.catchAll((error) =>
      Effect.succeed<Report>({
        ok: false,
        // An option the SDK refused is named as the flag the user typed.
        error: { _tag: error._tag, message: error.message.replace(/^(baseUrl|maxRetries|timeout)\b/, flagOf) }
      })
    )
  )
}

const FLAGS: Record<string, string> = { baseUrl: "--base-url", maxRetries: "--max-retries", timeout: "--timeout" }
const flagOf = (option: string) => FLAGS[option] ?? option

/** The command; its handler sets the process exit code (0, 1 or 2). */
export const command = Command.make("sociavault-credits", options, (parsed) =>
  Effect.flatMap(check(parsed), (report) =>
    Effect.zipRight(
      exitCodeOf(report) === 2 && !parsed.json
        ? Console.error(toText(report))
        : Console.log(parsed.json ? toJson(report) : toText(report)),
      Effect.sync(() => {
        process.exitCode = exitCodeOf(report)
      })
    )
  )
).pipe(
  Command.withDescription(
    "Check a SociaVault account's credit balance. The API key is read from SOCIAVAULT_API_KEY. " +
      "Exit codes: 0 at or above the thresholds, 1 below a threshold or inactive, 2 any error."
  )
)

/** Runs the command on `process.argv` (node and the script path first, as @effect/cli expects). */
export const run = Command.run(command, { name: "sociavault-credits", version: VERSION })
