/**
 * The action: read the balance, publish it, and fail the step when it is too low.
 */
import * as core from "@actions/core"
import { type CreditBalance, SociaVaultClient, type SociaVaultError } from "@sociavault-credits/core"
import * as ProxyFetch from "@sociavault-credits/proxy-fetch"
import { SETTINGS, serverText } from "@sociavault-credits/rules"
import * as Cause from "effect/Cause"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import {
  type ActionInputs,
  type InputSource,
  type InvalidInputs,
  inputNameOf,
  readInputs,
  runnerInputs
} from "./inputs.js"
import { setOutputs, writeSummary } from "./report.js"
import { judge } from "./verdict.js"

/** The step failed the gate (balance or subscription); not an error of the check itself. */
export class GateFailed extends Data.TaggedError("GateFailed")<{ readonly reasons: ReadonlyArray<string> }> {
  override get message(): string {
    return this.reasons.join("; ")
  }
}

/** Every way the step can fail. */
export type ActionError = InvalidInputs | SociaVaultError.InvalidOptions | SociaVaultError.SociaVaultError | GateFailed

const readBalance = (
  inputs: ActionInputs
): Effect.Effect<
  CreditBalance.CreditBalance,
  SociaVaultError.InvalidOptions | SociaVaultError.SociaVaultError,
  HttpClient.HttpClient
> =>
  Effect.flatMap(
    SociaVaultClient.make({
      apiKey: inputs.apiKey,
      baseUrl: inputs.baseUrl,
      maxRetries: inputs.maxRetries,
      timeout: Duration.seconds(inputs.timeoutSeconds)
    }),
    (client) => client.getCredits
  )

/** One readable line for any failure; an SDK option error names the action input the user wrote. */
export const describe = (error: ActionError): string =>
  error._tag === "InvalidOptions" ? error.message.replace(error.option, inputNameOf(error.option)) : error.message

/**
 * The whole check as an Effect on any HttpClient: mask the key, check the inputs, read the balance, publish
 * outputs and summary, warn, and fail when the gate says so.
 */
export const program = (input: InputSource = runnerInputs): Effect.Effect<void, ActionError, HttpClient.HttpClient> =>
  Effect.gen(function* () {
    // First of all, before any input is even checked: from here on the runner masks the key in every log line.
    yield* Effect.sync(() => {
      const rawKey = input(SETTINGS.apiKey.input)
      if (rawKey !== "") core.setSecret(rawKey)
    })

    const inputs = yield* readInputs(input)
    const balance = yield* readBalance(inputs)
    const verdict = judge(balance, inputs)

    yield* setOutputs(balance, verdict)
    yield* writeSummary(balance, inputs, verdict)
    yield* Effect.sync(() => {
      core.info(`SociaVault balance: ${balance.credits} credits, subscription ${balance.subscriptionStatus}`)
      if (verdict.warning !== undefined) core.warning(verdict.warning)
    })
    if (verdict.failures.length > 0) return yield* new GateFailed({ reasons: verdict.failures })
  })

/**
 * Runs the action on the proxy-aware fetch (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), whose connections are all closed
 * when the check settles, so the step ends with its timeout whatever the network does. Every failure ends as one
 * `::error::` line and exit code 1, never a stack trace.
 */
export async function run(): Promise<void> {
  const exit = await Effect.runPromiseExit(Effect.provide(program(), ProxyFetch.transportLayer()))
  if (exit._tag === "Success") return
  const failure = Cause.findErrorOption(exit.cause)
  if (failure._tag === "Some") {
    core.setFailed(describe(failure.value))
    return
  }
  // A defect is a bug of ours; still one line, so that no stack trace (and nothing it might hold) is printed.
  const defect = Cause.squash(exit.cause)
  const text = defect instanceof Error ? defect.message : String(defect)
  core.setFailed(`sociavault-credits failed unexpectedly: ${serverText(text, core.getInput(SETTINGS.apiKey.input))}`)
}
