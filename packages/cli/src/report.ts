/**
 * What the CLI prints: a few readable lines by default, one JSON object with --json.
 */
import type { CreditBalance, CreditThresholds } from "@sociavault-credits/core"

/** The outcome of one check, as printed. */
export type Report =
  | {
      readonly ok: boolean
      readonly balance: CreditBalance.CreditBalance
      readonly thresholds: CreditThresholds.Thresholds
      readonly evaluation: CreditThresholds.Evaluation
    }
  | { readonly ok: false; readonly error: { readonly _tag: string; readonly message: string } }

/** Exit codes: 0 passes, 1 below a threshold or inactive, 2 any error. */
export const exitCodeOf = (report: Report): 0 | 1 | 2 => ("error" in report ? 2 : report.ok ? 0 : 1)

/** One JSON object, for scripts (jq) and other CIs. */
export const toJson = (report: Report): string => {
  if ("error" in report) return JSON.stringify({ ok: false, error: report.error })
  const { balance, thresholds, evaluation } = report
  return JSON.stringify({
    ok: report.ok,
    credits: balance.credits,
    subscriptionStatus: balance.subscriptionStatus,
    subscriptionId: balance.subscriptionId,
    minCredits: thresholds.minCredits,
    warnCredits: thresholds.warnCredits ?? null,
    requireActive: thresholds.requireActive,
    belowMinimum: evaluation.belowMinimum,
    belowWarning: evaluation.belowWarning,
    inactive: evaluation.inactive
  })
}

/** What the API sent, made safe for a terminal: control characters (escape sequences) become "?". */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const printable = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?")

/** Lines for a person at a terminal or reading a CI log. */
export const toText = (report: Report): string => {
  if ("error" in report) return `error: ${report.error.message}`
  const { balance, thresholds, evaluation } = report
  const subscription =
    balance.subscriptionId === null
      ? balance.subscriptionStatus
      : `${balance.subscriptionStatus}, ${printable(balance.subscriptionId)}`
  const lines = [`SociaVault balance: ${balance.credits} credits (subscription ${subscription})`]
  if (evaluation.belowWarning) lines.push(`warning: below --warn-credits ${thresholds.warnCredits}`)
  if (evaluation.belowMinimum) lines.push(`fail: below --min-credits ${thresholds.minCredits}`)
  if (evaluation.inactive)
    lines.push(`fail: subscription is ${balance.subscriptionStatus}, and --require-active is set`)
  if (report.ok) lines.push(`ok: at or above --min-credits ${thresholds.minCredits}`)
  return lines.join("\n")
}
