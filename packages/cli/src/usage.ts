/**
 * What the CLI says about how it was invoked, beyond effect/cli's defaults: --help wrapped to the terminal, a key
 * given as a flag pointed at its variable (its value never repeated), a flag given twice said in words.
 *
 * @since 2.1.0
 */
import * as Rules from "@sociavault-credits/rules"
import type * as CliError from "effect/cli/CliError"
import * as CliOutput from "effect/cli/CliOutput"

/** A section's title (USAGE, FLAGS, EXAMPLES...), once colour codes are taken out. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes start with ESC
const isSection = (line: string) => /^[A-Z][A-Z ]+$/.test(line.replace(/\u001b\[[0-9;]*m/g, ""))

/** The narrowest width help is wrapped to: below it, a terminal gets lines that do not fit rather than a column of words. */
const MIN_HELP_WIDTH = 40

/**
 * Help text wrapped to `columns`: a long line of a flag table continues under its description column, any other
 * under its own indentation. Words are never cut, nor a default from its value; a word wider than the line stays
 * whole. Colour codes count for nothing.
 *
 * @since 2.1.0
 */
export const wrapHelp = (text: string, columns: number): string => {
  const width = Math.max(columns, MIN_HELP_WIDTH)
  return text
    .split("\n")
    .flatMap((line, i, lines) =>
      // Every section (USAGE, FLAGS, EXAMPLES...) after a blank line: effect/cli leaves none before EXAMPLES.
      isSection(line) && i > 0 && lines[i - 1]!.trim() !== "" ? ["", ...wrapLine(line, width)] : wrapLine(line, width)
    )
    .join("\n")
}

const wrapLine = (line: string, width: number): Array<string> => {
  if (CliOutput.displayWidth(line) <= width) return [line]
  // A table row (flag, then two spaces or more, then its description) continues under the description.
  const row = /^(\s*\S.*?\s{2,})(\S.*)$/.exec(line)
  const [head, rest] = row === null ? ["", line] : [row[1]!, row[2]!]
  const indent = row === null ? (/^\s*/.exec(line)?.[0] ?? "") : " ".repeat(CliOutput.displayWidth(head))
  // A head too wide for any description (a long flag name) leaves the row as it is.
  if (CliOutput.displayWidth(indent) > width / 2) return [line]
  const lines: Array<string> = []
  let current = head === "" ? indent : head
  let empty = true
  // "(default 30)." stays on one line where it fits: a default is read, and searched for, as one piece.
  const words = (rest.trimStart().match(/\(default [^ ]+|[^ ]+/g) ?? []).flatMap((word) =>
    CliOutput.displayWidth(indent + word) > width ? word.split(" ") : [word]
  )
  for (const word of words) {
    if (!empty && CliOutput.displayWidth(`${current} ${word}`) > width) {
      lines.push(current)
      current = indent + word
    } else {
      current = empty ? current + word : `${current} ${word}`
    }
    empty = false
  }
  lines.push(current)
  return lines
}

/** How people write a key flag: --api-key, --apikey, --api_key, --key, --token, --sociavault-api-key. */
const KEY_FLAG_NAMES: ReadonlySet<string> = new Set(["apikey", "key", "token", "apitoken", "sociavaultapikey"])

/** The flag's name alone (`--api-key=sk_...` is `--api-key`): the value may be the key. */
const flagName = (option: string) => option.split("=")[0]!

const isKeyFlag = (option: string) =>
  KEY_FLAG_NAMES.has(flagName(option).replace(/^-+/, "").replace(/[-_]/g, "").toLowerCase())

/**
 * The lines (without `error: `) that tell what was wrong with an invocation. A key given as a flag is the one thing
 * said, whatever else effect/cli found: its value, which may be the key, also came back as an unexpected argument
 * or an unknown subcommand, and must not be printed.
 *
 * @since 2.1.0
 */
export const invocationErrors = (errors: ReadonlyArray<CliError.CliError>, keyVariable: string): Array<string> => {
  const keyFlag = errors.find(
    (error): error is CliError.UnrecognizedOption => error._tag === "UnrecognizedOption" && isKeyFlag(error.option)
  )
  if (keyFlag !== undefined) return [Rules.Messages.keyFlag(flagName(keyFlag.option), keyVariable)]
  return errors.map((error) => {
    const repeated = error._tag === "InvalidValue" ? /^(\d+) occurrences$/.exec(error.value) : null
    return repeated !== null && error._tag === "InvalidValue"
      ? Rules.Messages.repeatedFlag(
          error.option.startsWith("-") ? error.option : `--${error.option}`,
          Number(repeated[1])
        )
      : error.message
  })
}
