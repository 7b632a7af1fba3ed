/**
 * `sociavault-credits watch`: the balance read every --interval seconds, one line (or JSON object) per reading,
 * and with --metrics-port a Prometheus endpoint. Only its flags are defined here: what it does (the HTTP server,
 * the Prometheus formatter) is in run.ts, loaded with `import()` when watch runs, so that a one-off check never
 * loads it.
 *
 * @since 2.1.0
 */
import * as Rules from "@sociavault-credits/rules"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as Effect from "effect/Effect"
import { checkedFlag, repeatableSwitch } from "../flag.js"

const { SETTINGS, EXPECTED, WATCH_EXPECTED, WATCH_INTERVAL_SECONDS } = Rules

const credits = (raw: string) => Rules.parseWholeNumber(raw, Rules.checkCredits)

/** The flags watch shares with the check, as the check defines them. @since 2.1.0 */
export interface SharedFlags {
  readonly baseUrl: Flag.Flag<string>
  readonly timeout: Flag.Flag<number>
  readonly maxRetries: Flag.Flag<number>
}

const flagsOf = (shared: SharedFlags) => ({
  interval: checkedFlag(
    SETTINGS.watchInterval.flag,
    "seconds",
    `Seconds between readings: ${WATCH_EXPECTED.interval} (default ${WATCH_INTERVAL_SECONDS.default}). After a failed reading the next waits longer, doubling up to ${Rules.WATCH_BACKOFF_MAX_SECONDS} seconds (or the interval when longer).`,
    (raw) => Rules.parseWholeNumber(raw, Rules.checkWatchInterval)
  ).pipe(Flag.withDefault(WATCH_INTERVAL_SECONDS.default)),
  metricsPort: checkedFlag(
    SETTINGS.metricsPort.flag,
    "port",
    `Serve Prometheus metrics at http://HOST:PORT${Rules.METRICS_PATH}: ${WATCH_EXPECTED.port}; 0 picks a free port. The address is printed on stderr (default: no metrics).`,
    (raw) => Rules.parseWholeNumber(raw, Rules.checkPort)
  ).pipe(Flag.optional),
  metricsHost: checkedFlag(
    SETTINGS.metricsHost.flag,
    "address",
    `The address the metrics are served on: ${WATCH_EXPECTED.host}; 0.0.0.0 for a Prometheus on another machine (default ${Rules.DEFAULT_METRICS_HOST}, this machine only).`,
    Rules.checkListenHost
  ).pipe(Flag.withDefault(Rules.DEFAULT_METRICS_HOST)),
  minCredits: checkedFlag(
    SETTINGS.minCredits.flag,
    "credits",
    `Mark readings below this many credits, and serve the ${Rules.WATCH_METRICS.belowMinimum} gauge: ${EXPECTED.credits} (default: none).`,
    credits
  ).pipe(Flag.optional),
  warnCredits: checkedFlag(
    SETTINGS.warnCredits.flag,
    "credits",
    `Mark readings below this many credits, and serve the ${Rules.WATCH_METRICS.belowWarning} gauge: ${EXPECTED.credits} (default: none).`,
    credits
  ).pipe(Flag.optional),
  baseUrl: shared.baseUrl,
  timeout: shared.timeout,
  maxRetries: shared.maxRetries,
  json: repeatableSwitch(
    "json",
    "Print one JSON object per reading, one a line (NDJSON), instead of text (default: off)."
  )
})

/** The parsed flags of watch. @since 2.1.0 */
export type Input = Command.Command.Config.Infer<ReturnType<typeof flagsOf>>

/** The name watch is typed as. @since 2.1.0 */
export const NAME = "watch"

/**
 * The `watch` subcommand, with the check's own --base-url, --timeout and --max-retries.
 *
 * @since 2.1.0
 */
export const command = (shared: SharedFlags, keyVariable: string) =>
  Command.make(NAME, flagsOf(shared), (input) =>
    Effect.flatMap(
      Effect.promise(() => import("./run.js")),
      (run) => run.watch(input)
    )
  ).pipe(
    Command.withDescription(
      `Read the balance every --interval seconds and print one line per reading: the balance, the change since the last reading, the burn rate per hour over the last hour and the time to zero at that rate. An API error is one line on stderr and watching goes on. Runs until Ctrl-C, SIGINT or SIGTERM, then exits 0. The API key is read from ${keyVariable}.`
    ),
    Command.withShortDescription("Read the balance every --interval seconds; serve it to Prometheus"),
    Command.withExamples([
      { command: `sociavault-credits ${NAME} --interval 300`, description: "A line every 5 minutes" },
      {
        command: `sociavault-credits ${NAME} --metrics-port 9464 --metrics-host 0.0.0.0`,
        description: "Prometheus metrics for another machine to scrape"
      }
    ])
  )
