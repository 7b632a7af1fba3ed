/**
 * What the main and the post step share: reading the balance as the inputs configure it, masking the key, one line
 * for any failure, and running a step on the proxy-aware transport.
 */
import * as core from "@actions/core"
import { type CreditBalance, SociaVaultClient, type SociaVaultError } from "@sociavault-credits/core"
import * as ProxyFetch from "@sociavault-credits/proxy-fetch"
import { SETTINGS, serverText } from "@sociavault-credits/rules"
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import type { ActionError } from "./errors.js"
import { type ActionInputs, type InputSource, inputNameOf } from "./inputs.js"

/** Reads the balance with the SDK, as the inputs configure it. Shared with the post step. */
export const readBalance = (
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

/** Masks the key, first of all, before any input is even checked: from here on the runner hides it in every log line. */
export const maskKey = (input: InputSource): Effect.Effect<string> =>
  Effect.sync(() => {
    const rawKey = input(SETTINGS.apiKey.input)
    if (rawKey !== "") core.setSecret(rawKey)
    return rawKey
  })

/**
 * Runs a step's program on the proxy-aware fetch (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), whose connections are all
 * closed when the check settles, so the step ends with its timeout whatever the network does. Every failure ends as
 * one `::error::` line and exit code 1, never a stack trace.
 */
export const runStep = async <E>(
  step: Effect.Effect<void, E, HttpClient.HttpClient>,
  describeFailure: (error: E) => string
): Promise<void> => {
  const exit = await Effect.runPromiseExit(Effect.provide(step, ProxyFetch.transportLayer()))
  if (exit._tag === "Success") return
  const failure = Cause.findErrorOption(exit.cause)
  if (failure._tag === "Some") {
    core.setFailed(describeFailure(failure.value))
    return
  }
  // A defect is a bug of ours; still one line, so that no stack trace (and nothing it might hold) is printed.
  const defect = Cause.squash(exit.cause)
  const text = defect instanceof Error ? defect.message : String(defect)
  core.setFailed(`sociavault-credits failed unexpectedly: ${serverText(text, core.getInput(SETTINGS.apiKey.input))}`)
}
