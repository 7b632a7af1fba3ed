/**
 * The `sociavault-credits` command: one balance check for GitLab CI, Jenkins, cron or a terminal. The key comes
 * from SOCIAVAULT_API_KEY only, never from a flag that would land in shell history or a process list.
 *
 * The command asks for an `HttpClient` in its context: the transport is chosen by the executable (bin.ts), so
 * tests drive the command with a fake client.
 *
 * @since 1.0.0
 */
import { CreditThresholds, SociaVaultClient } from "@sociavault-credits/core"
import * as Rules from "@sociavault-credits/rules"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as CliConfig from "effect/cli/CliConfig"
import * as CliOutput from "effect/cli/CliOutput"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as GlobalFlag from "effect/cli/GlobalFlag"
import * as TerminalCapabilities from "effect/cli/TerminalCapabilities"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Runtime from "effect/Runtime"
import * as Stdio from "effect/Stdio"
import * as Terminal from "effect/Terminal"
import { checkedFlag, repeatableSwitch } from "./flag.js"
import { exitCodeOf, printable, type Report, toText } from "./report.js"
import * as RetryLog from "./retryLog.js"
import { invocationErrors, wrapHelp } from "./usage.js"
import * as Watch from "./watch/command.js"

/** The CLI's version, printed by --version; a test keeps it equal to package.json's. @since 1.0.0 */
export const VERSION = "1.1.0"

/** The command's name, as typed. @since 2.0.0 */
export const NAME = "sociavault-credits"

const { SETTINGS, EXPECTED } = Rules
const KEY_VARIABLE = SETTINGS.apiKey.env

const credits = (raw: string) => Rules.parseWholeNumber(raw, Rules.checkCredits)
const retryable = [...Rules.RETRYABLE_STATUSES].join(", ")

/** The flags; each description gives the default, and the help lists them all. @since 2.0.0 */
export const flags = {
  minCredits: checkedFlag(
    SETTINGS.minCredits.flag,
    "credits",
    `Exit 1 when the balance is below this many credits: ${EXPECTED.credits} (default ${Rules.MIN_CREDITS.default}).`,
    credits
  ).pipe(Flag.withDefault(Rules.MIN_CREDITS.default)),
  warnCredits: checkedFlag(
    SETTINGS.warnCredits.flag,
    "credits",
    `Print a warning when the balance is below this many credits: ${EXPECTED.credits} (default: no warning).`,
    credits
  ).pipe(Flag.optional),
  requireActive: repeatableSwitch(
    SETTINGS.requireActive.flag.replace(/^--/, ""),
    "Exit 1 unless the subscription status is active (default: off)."
  ),
  baseUrl: checkedFlag(
    SETTINGS.baseUrl.flag,
    "url",
    `The SociaVault API base URL: ${EXPECTED.baseUrl} (default ${Rules.DEFAULT_BASE_URL}).`,
    // Checked here so that a bad URL is refused with the other flags; the SDK gets the text as typed.
    (raw) => {
      const checked = Rules.creditsUrlOf(raw)
      return checked.ok ? { ok: true, value: raw } : checked
    }
  ).pipe(Flag.withDefault(Rules.DEFAULT_BASE_URL)),
  timeout: checkedFlag(
    SETTINGS.timeout.flag,
    "seconds",
    `Seconds the whole check may take, retries included: ${EXPECTED.timeoutSeconds} (default ${Rules.TIMEOUT_SECONDS.default}).`,
    Rules.parseSeconds
  ).pipe(Flag.withDefault(Rules.TIMEOUT_SECONDS.default)),
  maxRetries: checkedFlag(
    SETTINGS.maxRetries.flag,
    "count",
    `Retries after HTTP ${retryable} and network errors: ${EXPECTED.maxRetries} (default ${Rules.MAX_RETRIES.default}).`,
    (raw) => Rules.parseWholeNumber(raw, Rules.checkMaxRetries)
  ).pipe(Flag.withDefault(Rules.MAX_RETRIES.default)),
  json: repeatableSwitch("json", "Print one JSON object on stdout instead of text (default: off).")
}

/** The parsed flags. @since 2.0.0 */
export type Input = Command.Command.Config.Infer<typeof flags>

/** The name a user knows an SDK option by: its flag, else its variable (the key), else the option itself. */
const nameOf = (option: string): string => {
  const setting = Object.values(SETTINGS).find((names) => names.option === option)
  return setting?.flag ?? setting?.env ?? option
}

/** The key from the environment; absent or empty, it is reported before any request. */
const apiKey = Effect.flatMap(Config.option(Config.Redacted(KEY_VARIABLE)), (key) =>
  Option.isSome(key) && Redacted.value(key.value) !== ""
    ? Effect.succeed(key.value)
    : Effect.fail({
        _tag: "MissingApiKey" as const,
        message: Rules.Messages.missingApiKey(KEY_VARIABLE, "export the SociaVault API key in the environment")
      })
)

/**
 * Reads the balance with the `HttpClient` in the context and judges it; every failure becomes an error report,
 * never an exception.
 *
 * @since 2.0.0
 */
export const check = (input: Input): Effect.Effect<Report, never, HttpClient.HttpClient> => {
  const thresholds: CreditThresholds.Thresholds = {
    minCredits: input.minCredits,
    warnCredits: Option.getOrUndefined(input.warnCredits),
    requireActive: input.requireActive
  }
  const client = Layer.unwrap(
    Effect.map(apiKey, (key) =>
      Layer.merge(
        SociaVaultClient.layer({
          apiKey: key,
          baseUrl: input.baseUrl,
          maxRetries: input.maxRetries,
          timeout: Duration.seconds(input.timeout)
        }),
        // Each retry the SDK logs becomes one stderr line (issue 13): stdout stays the result.
        RetryLog.layer(Redacted.value(key))
      )
    )
  )
  return SociaVaultClient.getCredits.pipe(
    Effect.provide(client),
    Effect.map((balance): Report => {
      const evaluation = CreditThresholds.evaluate(balance, thresholds)
      return { ok: evaluation.passes, balance, thresholds, evaluation }
    }),
    Effect.catch((error) =>
      Effect.succeed<Report>({
        ok: false,
        error: {
          _tag: error._tag,
          // An option the SDK refused is named as the user wrote it: a flag, or the key's variable.
          message:
            error._tag === "InvalidOptions"
              ? Rules.Messages.invalid(nameOf(error.option), error.expected, error.received)
              : error.message
        }
      })
    )
  )
}

/**
 * How a check that did not pass ends the command: exit code 1 (below a threshold, inactive) or 2 (an error). The
 * report is already printed, so the runtime does not print it again.
 *
 * @since 2.0.0
 */
export class CheckFailed extends Data.TaggedError("CheckFailed")<{ readonly exitCode: 1 | 2 }> {
  override get [Runtime.errorExitCode](): number {
    return this.exitCode
  }
  override readonly [Runtime.errorReported] = false
}

/** Prints a report: errors in text go to stderr, everything else to stdout. --json's module is loaded on demand. */
const print = (report: Report, json: boolean) =>
  json
    ? Effect.flatMap(
        Effect.promise(() => import("./json.js")),
        ({ toJson }) => Console.log(toJson(report))
      )
    : exitCodeOf(report) === 2
      ? Console.error(toText(report))
      : Console.log(toText(report))

/**
 * The command; it succeeds when the balance passes and fails with {@link CheckFailed} otherwise.
 *
 * @since 1.0.0
 */
export const command = Command.make(NAME, flags, (input) =>
  Effect.flatMap(check(input), (report) =>
    Effect.andThen(print(report, input.json), () => {
      const code = exitCodeOf(report)
      return code === 0 ? Effect.void : Effect.fail(new CheckFailed({ exitCode: code }))
    })
  )
).pipe(
  Command.withDescription(
    `Check a SociaVault account's credit balance. The API key is read from the ${KEY_VARIABLE} environment variable, never from a flag.\n` +
      "  Exit codes: 0 at or above the thresholds, 1 below --min-credits or inactive with --require-active, 2 any error\n" +
      "  (a bad flag, a missing key, an API or network failure)."
  ),
  Command.withExamples([
    { command: `${NAME} --min-credits 500 --warn-credits 2000`, description: "Fail a pipeline below 500 credits" },
    { command: `${NAME} --require-active --json | jq .credits`, description: "One JSON object for scripts" }
  ]),
  // `watch` (issue 14): its flags here, the rest loaded when it runs.
  Command.withSubcommands([Watch.command(flags, KEY_VARIABLE)])
)

/**
 * Usage errors (an unknown flag, a bad value) are printed as `error: ...` lines on stderr, like the check's own
 * errors, without the whole help (a key given as a flag, or a flag given twice, said in words: usage.ts);
 * `--version` prints the version alone, one line for scripts; the help is printed as effect/cli formats it,
 * wrapped to the terminal's width (80 in a pipe) and coloured only on a terminal (see {@link terminalCapabilities}).
 */
const presenter = (columns: number): CliOutput.Presenter => ({
  present: (event) => {
    switch (event._tag) {
      case "InvalidInvocation":
        return Console.error(
          [
            // Line by line: effect/cli's messages have line breaks ("Did you mean this?"); argv may have escapes.
            ...invocationErrors(event.errors, KEY_VARIABLE).map(
              (message) => `error: ${message.split("\n").map(printable).join("\n")}`
            ),
            `Run '${[NAME, ...event.commandPath.slice(1)].join(" ")} --help' for the flags.`
          ].join("\n")
        )
      case "Version":
        return Console.log(event.version)
      case "Help":
        return Effect.gen(function* () {
          const { canColor } = yield* TerminalCapabilities.TerminalCapabilities
          // The check needs no subcommand: effect/cli's usage line would say it does.
          const usage = event.helpDoc.usage.replace("<subcommand> [flags]", `[flags]\n  ${NAME} ${Watch.NAME} [flags]`)
          const help = CliOutput.defaultFormatter({ colors: canColor }).formatHelpDoc({ ...event.helpDoc, usage })
          yield* Console.log(wrapHelp(help, columns))
        })
    }
  }
})

/** The presenter, for the terminal's width: effect/cli's help has lines of 200 characters and more. */
const presenterLayer = Layer.unwrap(
  Effect.gen(function* () {
    const terminal = yield* Terminal.Terminal
    return CliOutput.layerPresenter(presenter(yield* terminal.columns))
  })
)

/**
 * Colour (in --help: the CLI's own output never has any) only when stdout is a terminal, NO_COLOR is unset or empty
 * (no-color.org) and TERM is not `dumb`. Unlike effect/cli's default, FORCE_COLOR does not colour a pipe: the help
 * of a CI tool ends up in logs and files.
 */
const terminalCapabilities: Layer.Layer<never, never, Stdio.Stdio> = Layer.effect(
  TerminalCapabilities.TerminalCapabilities
)(
  Effect.gen(function* () {
    const stdio = yield* Stdio.Stdio
    const variable = (name: string) => Config.String(name).pipe(Config.withDefault(""))
    const noColor = yield* Effect.orElseSucceed(variable("NO_COLOR"), () => "")
    const term = yield* Effect.orElseSucceed(variable("TERM"), () => "")
    const terminal = (yield* stdio.stdoutIsTerminal) && term !== "dumb"
    return {
      canColor: terminal && noColor === "",
      canAnimate: terminal,
      canPrompt: terminal && (yield* stdio.stdinIsTerminal)
    }
  })
)

/** Only --help and --version: no wizard, completions or log level. */
const cliLayer = Layer.mergeAll(
  presenterLayer,
  CliConfig.layer({ builtIns: [GlobalFlag.Help, GlobalFlag.Version] }),
  terminalCapabilities
)

/** A process exit code: 0 passes, 1 below a threshold or inactive, 2 any error. @since 2.0.0 */
export type ExitCode = 0 | 1 | 2

/**
 * Runs the command on the arguments (without node and the script path) and gives the exit code. Needs an
 * `HttpClient` and the services effect/cli needs (bin.ts gives it environment.ts's).
 *
 * @since 1.0.0
 */
export const run = (
  args: ReadonlyArray<string>
): Effect.Effect<ExitCode, never, HttpClient.HttpClient | Command.Environment> =>
  Command.runWith(command, { version: VERSION })(args).pipe(
    Effect.as<ExitCode>(0),
    // A CliError (a bad flag) has been printed by the presenter: exit 2 as for any other error.
    Effect.catch((error) => Effect.succeed<ExitCode>(error instanceof CheckFailed ? error.exitCode : 2)),
    Effect.provide(cliLayer)
  )
