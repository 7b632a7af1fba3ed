/**
 * How the CLI's flags are made: each value checked with a shared rule, each refusal naming the flag as the user
 * typed it. Shared by the check's flags (Cli.ts) and watch's (watch/command.ts).
 *
 * @since 2.1.0
 */
import * as Rules from "@sociavault-credits/rules"
import * as CliError from "effect/cli/CliError"
import * as Flag from "effect/cli/Flag"
import * as Effect from "effect/Effect"

/**
 * A flag read as text and checked with one of the shared rules; a refusal names the flag as the user typed it:
 * `--min-credits must be a whole number >= 0, got "0x10"`.
 *
 * @since 2.1.0
 */
export const checkedFlag = <A>(
  flag: string,
  metavar: string,
  description: string,
  read: (raw: string) => Rules.Checked<A>
): Flag.Flag<A> =>
  Flag.String(flag.replace(/^--/, "")).pipe(
    Flag.withMetavar(metavar),
    Flag.withDescription(description),
    Flag.mapEffect((raw) => {
      const checked = read(raw)
      return checked.ok
        ? Effect.succeed(checked.value)
        : Effect.fail(
            new CliError.ValidationError({ message: Rules.Messages.invalid(flag, checked.expected, checked.received) })
          )
    })
  )

/**
 * A switch (`--json`) that may be given more than once, as scripts that add flags do: `--json --json` is `--json`
 * (effect/cli's own Boolean refuses it with "2 occurrences"). The last of `--json` / `--json=false` wins.
 *
 * @since 2.1.0
 */
export const repeatableSwitch = (name: string, description: string): Flag.Flag<boolean> =>
  Flag.Boolean(name).pipe(
    Flag.atLeast(0),
    Flag.map((values) => values.at(-1) ?? false),
    Flag.withDescription(description)
  )
