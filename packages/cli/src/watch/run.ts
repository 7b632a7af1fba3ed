/**
 * What `sociavault-credits watch` does, loaded only when it runs: read the balance every interval with the check's
 * own code (Cli.ts's `check`: the key, the SDK, the scrubbed errors), print each reading, record it in the
 * metrics, and go on after an API error with a longer wait (the rules' `watchDelayMillis`) until interrupted.
 *
 * @since 2.1.0
 */
import * as Rules from "@sociavault-credits/rules"
import * as Clock from "effect/Clock"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Metric from "effect/Metric"
import * as Option from "effect/Option"
import { CheckFailed, type Input as CheckInput, check } from "../Cli.js"
import { printable } from "../report.js"
import type { Input } from "./command.js"
import * as Metrics from "./metrics.js"
import { emptyHistory, type History, observe, toJson, toText } from "./reading.js"
import { endsOnSignal } from "./signals.js"

/** Errors of the setup, not of the API: the same at every reading, so watch stops at the first (exit 2). */
const SETUP_ERRORS: ReadonlySet<string> = new Set(["MissingApiKey", "InvalidOptions"])

const fail = (message: string) =>
  Effect.andThen(Console.error(`error: ${printable(message)}`), Effect.fail(new CheckFailed({ exitCode: 2 })))

/**
 * Watches until interrupted; fails (exit 2) only on a setup error: no key, a refused option, a port it cannot
 * listen on.
 *
 * @since 2.1.0
 */
export const watch = (input: Input): Effect.Effect<never, CheckFailed, HttpClient.HttpClient> => {
  // The check judges nothing here: watch marks its own thresholds, which are optional.
  const checkInput: CheckInput = {
    minCredits: 0,
    warnCredits: Option.none(),
    requireActive: false,
    baseUrl: input.baseUrl,
    timeout: input.timeout,
    maxRetries: input.maxRetries,
    json: input.json
  }
  const thresholds = {
    minCredits: Option.getOrUndefined(input.minCredits),
    warnCredits: Option.getOrUndefined(input.warnCredits)
  }
  return Effect.gen(function* () {
    yield* endsOnSignal
    yield* Metrics.start
    if (Option.isSome(input.metricsPort)) {
      const url = yield* Effect.catch(Metrics.serve(input.metricsHost, input.metricsPort.value), (error) =>
        fail(error.message)
      )
      yield* Console.error(Rules.Messages.servingMetrics(url))
    }
    let history: History = emptyHistory
    let failures = 0
    while (true) {
      const report = yield* check(checkInput)
      if ("error" in report) {
        if (SETUP_ERRORS.has(report.error._tag)) return yield* fail(report.error.message)
        failures += 1
        yield* Metrics.recordError(report.error._tag)
        const delay = Rules.watchDelayMillis(input.interval, failures)
        yield* Console.error(
          `error: ${printable(report.error.message)} (watching goes on; next reading in ${Rules.formatSpan(delay)})`
        )
        yield* Effect.sleep(delay)
        continue
      }
      failures = 0
      const at = yield* Clock.currentTimeMillis
      const [next, observation] = observe(history, report.balance, at, thresholds)
      history = next
      yield* Metrics.recordReading(observation)
      yield* Console.log(input.json ? toJson(observation) : toText(observation))
      yield* Effect.sleep(Rules.watchDelayMillis(input.interval, 0))
    }
  }).pipe(Effect.scoped, Effect.provideService(Metric.MetricRegistry, new Map()))
}
