/**
 * What the step leaves behind: outputs for later steps and a job summary for people.
 */
import * as core from "@actions/core"
import type { CreditBalance } from "@sociavault-credits/core"
import { type GateOutcome, neutralize, scrubSecret } from "@sociavault-credits/rules"
import * as Effect from "effect/Effect"
import { type ActionError, outcomeOf } from "./errors.js"
import type { ActionInputs } from "./inputs.js"
import type { Verdict } from "./verdict.js"

/** The action's outputs, named once (action.yml declares the same; a test keeps them equal). */
export const OUTPUTS = {
  credits: "credits",
  subscriptionStatus: "subscription-status",
  subscriptionId: "subscription-id",
  belowThreshold: "below-threshold",
  outcome: "outcome"
} as const

/**
 * Sets every output. Called as soon as the balance is known, before the step may be failed by the gate, so that
 * `if: always()` steps see the balance that failed it.
 */
export const setOutputs = (balance: CreditBalance.CreditBalance, verdict: Verdict): Effect.Effect<void> =>
  Effect.sync(() => {
    core.setOutput(OUTPUTS.credits, String(balance.credits))
    core.setOutput(OUTPUTS.subscriptionStatus, balance.subscriptionStatus)
    core.setOutput(OUTPUTS.subscriptionId, safeId(balance))
    core.setOutput(OUTPUTS.belowThreshold, String(verdict.belowThreshold))
    core.setOutput(OUTPUTS.outcome, verdict.outcome)
  })

/** A failure before any balance was known sets `outcome` alone: no balance output claims a value it does not have. */
export const setFailureOutputs = (outcome: GateOutcome): Effect.Effect<void> =>
  Effect.sync(() => core.setOutput(OUTPUTS.outcome, outcome))

/**
 * The subscription id as the action prints it anywhere: the SDK bounds its length; controls (newlines, escapes,
 * bidi overrides) are neutralised here, so an id cannot start a new line in a log, an output or the summary.
 */
export const safeId = (balance: CreditBalance.CreditBalance): string => neutralize(balance.subscriptionId ?? "")

const verdictText = (verdict: Verdict) =>
  verdict.failures.length > 0 ? "❌ fail" : verdict.belowWarning ? "⚠️ pass, with a warning" : "✅ pass"

/**
 * core.summary inserts cell text as HTML: what the API sent is escaped too. With no line breaks left (safeId), the
 * table stays one HTML block, so Markdown inside it is never rendered either.
 */
// Markdown's punctuation as entities too: belt and braces, should a renderer ever read inside the table.
const escapeHtml = (text: string) => text.replace(/[&<>"'[\]()!*_`|~\\]/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * Writes the job summary table. Runners without GITHUB_STEP_SUMMARY (older GitHub Enterprise Server) have no
 * summary file, and core.summary.write() throws there: the summary is skipped, the check goes on.
 */
export const writeSummary = (
  balance: CreditBalance.CreditBalance,
  inputs: ActionInputs,
  verdict: Verdict,
  retries: number
): Effect.Effect<void> =>
  writeIfPossible(() => {
    core.summary.addHeading(HEADING, 3).addTable([
      [
        { data: "Balance", header: true },
        { data: "min-credits", header: true },
        { data: "warn-credits", header: true },
        { data: "Subscription", header: true },
        { data: "Verdict", header: true }
      ],
      [
        String(balance.credits),
        String(inputs.minCredits),
        inputs.warnCredits === undefined ? "—" : String(inputs.warnCredits),
        balance.subscriptionId === null
          ? balance.subscriptionStatus
          : `${balance.subscriptionStatus} (${escapeHtml(safeId(balance))})`,
        verdictText(verdict)
      ]
    ])
    if (retries > 0) core.summary.addRaw(`Read after ${retries} ${retries === 1 ? "retry" : "retries"}.`, true)
  })

const HEADING = "SociaVault credits"

/**
 * Runs `add` on core.summary and writes it. Runners without GITHUB_STEP_SUMMARY (older GitHub Enterprise Server)
 * have no summary file, and core.summary.write() throws there: the summary is skipped, the check goes on.
 */
export const writeIfPossible = (add: () => void): Effect.Effect<void> => {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    return Effect.sync(() => core.debug("GITHUB_STEP_SUMMARY is not set: no job summary"))
  }
  return Effect.tryPromise(() => {
    add()
    return core.summary.write()
  }).pipe(
    Effect.catch((error) => Effect.sync(() => core.warning(`The job summary could not be written: ${error.cause}`)))
  )
}

/** What a failure's summary shows of the server's answer, each only when the error has it. */
const facts = (error: ActionError): ReadonlyArray<readonly [string, string]> => {
  const has = <K extends string>(key: K): unknown => (key in error ? (error as Record<K, unknown>)[key] : undefined)
  const rows: Array<readonly [string, string]> = [["Outcome", outcomeOf(error)]]
  const status = has("status")
  if (typeof status === "number") rows.push(["HTTP status", String(status)])
  const reason = has("reason")
  if (typeof reason === "string") rows.push(["Error kind", reason])
  const attempts = has("attempts")
  if (typeof attempts === "number") rows.push(["Attempts", String(attempts)])
  const requestId = has("requestId")
  if (typeof requestId === "string") rows.push(["Request id", requestId])
  const serverMessage = has("serverMessage")
  if (typeof serverMessage === "string") rows.push(["Server said", serverMessage])
  return rows
}

/**
 * The summary of a failed step: what failed in one line, then what the server told (status, kind, request id, its
 * words, attempts), everything made safe (the key scrubbed, controls neutralised, HTML escaped).
 */
export const writeFailureSummary = (error: ActionError, line: string, apiKey: string): Effect.Effect<void> =>
  writeIfPossible(() => {
    const safe = (text: string) => escapeHtml(neutralize(scrubSecret(text, apiKey)))
    const rows = facts(error)
    core.summary
      .addHeading(HEADING, 3)
      .addRaw(`❌ ${safe(line)}`, true)
      .addTable([rows.map(([name]) => ({ data: name, header: true })), rows.map(([, value]) => safe(value))])
  })
