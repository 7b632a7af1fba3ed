/**
 * What the CLI prints: a few readable lines by default (one JSON object with --json: json.ts).
 */
import type { CreditBalance, CreditThresholds } from "@sociavault-credits/core"
import { neutralize, SETTINGS } from "@sociavault-credits/rules"

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

/** What the API sent, made safe for a terminal: controls, bidi and zero-width characters become "?". */
export const printable: (text: string) => string = neutralize

/** Lines for a person at a terminal or reading a CI log. */
export const toText = (report: Report): string => {
  if ("error" in report) return `error: ${printable(report.error.message)}`
  const { balance, thresholds, evaluation } = report
  const subscription =
    balance.subscriptionId === null
      ? balance.subscriptionStatus
      : `${balance.subscriptionStatus}, ${printable(balance.subscriptionId)}`
  const lines = [`SociaVault balance: ${balance.credits} credits (subscription ${subscription})`]
  const { minCredits, warnCredits, requireActive } = SETTINGS
  if (evaluation.belowWarning) lines.push(`warning: below ${warnCredits.flag} ${thresholds.warnCredits}`)
  if (evaluation.belowMinimum) lines.push(`fail: below ${minCredits.flag} ${thresholds.minCredits}`)
  if (evaluation.inactive)
    lines.push(`fail: subscription is ${balance.subscriptionStatus}, and ${requireActive.flag} is set`)
  if (report.ok) lines.push(`ok: at or above ${minCredits.flag} ${thresholds.minCredits}`)
  return lines.join("\n")
}
