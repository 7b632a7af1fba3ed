/**
 * What the step leaves behind: outputs for later steps and a job summary for people.
 */
import * as core from "@actions/core"
import type { CreditBalance } from "@sociavault-credits/core"
import { neutralize } from "@sociavault-credits/rules"
import * as Effect from "effect/Effect"
import type { ActionInputs } from "./inputs.js"
import type { Verdict } from "./verdict.js"

/** Sets every output. Called as soon as the balance is known, before the step may be failed. */
export const setOutputs = (balance: CreditBalance.CreditBalance, verdict: Verdict): Effect.Effect<void> =>
  Effect.sync(() => {
    core.setOutput("credits", String(balance.credits))
    core.setOutput("subscription-status", balance.subscriptionStatus)
    core.setOutput("subscription-id", safeId(balance))
    core.setOutput("below-threshold", String(verdict.belowThreshold))
  })

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
  verdict: Verdict
): Effect.Effect<void> => {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    return Effect.sync(() => core.debug("GITHUB_STEP_SUMMARY is not set: no job summary"))
  }
  return Effect.tryPromise(() =>
    core.summary
      .addHeading("SociaVault credits", 3)
      .addTable([
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
      .write()
  ).pipe(
    Effect.catch((error) => Effect.sync(() => core.warning(`The job summary could not be written: ${error.cause}`)))
  )
}
