/**
 * The action: read the balance, publish it, and fail the step when it is too low.
 */
import * as core from "@actions/core"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import { describe, maskKey, readBalance, runStep } from "./check.js"
import { type ActionError, GateFailed, outcomeOf } from "./errors.js"
import { type InputSource, readInputs, runnerInputs } from "./inputs.js"
import { setFailureOutputs, setOutputs, writeFailureSummary, writeSummary } from "./report.js"
import { reportRetries, withRetryNotices } from "./retries.js"
import { saveStartingBalance } from "./spend.js"
import { judge } from "./verdict.js"

export { describe } from "./check.js"
export { type ActionError, GateFailed } from "./errors.js"

/**
 * The whole check as an Effect on any HttpClient: mask the key, check the inputs, read the balance (each retry a
 * `::debug::` line), publish outputs and summary, save the starting balance for the post step, warn, and fail when
 * the gate says so. A failure of the check itself sets the `outcome` output and writes a summary saying why.
 */
export const program = (input: InputSource = runnerInputs): Effect.Effect<void, ActionError, HttpClient.HttpClient> =>
  Effect.flatMap(maskKey(input), (rawKey) =>
    Effect.gen(function* () {
      const inputs = yield* readInputs(input)
      const [balance, retries] = yield* withRetryNotices(readBalance(inputs))
      const verdict = judge(balance, inputs)

      yield* setOutputs(balance, verdict)
      if (inputs.trackSpend) yield* saveStartingBalance(balance)
      yield* writeSummary(balance, inputs, verdict, retries)
      yield* Effect.sync(() => {
        core.info(`SociaVault balance: ${balance.credits} credits, subscription ${balance.subscriptionStatus}`)
      })
      yield* reportRetries(retries)
      yield* Effect.sync(() => {
        for (const warning of verdict.warnings) core.warning(warning)
      })
      if (verdict.failures.length > 0) {
        return yield* new GateFailed({ reasons: verdict.failures, outcome: verdict.outcome })
      }
    }).pipe(
      // The gate's own failure has its outputs and summary already (with the balance); any other failure gets its own.
      Effect.tapError((error) =>
        error._tag === "GateFailed"
          ? Effect.void
          : Effect.andThen(setFailureOutputs(outcomeOf(error)), writeFailureSummary(error, describe(error), rawKey))
      )
    )
  )

/** The main step, as the runner starts it. */
export const run = (): Promise<void> => runStep(program(), describe)
