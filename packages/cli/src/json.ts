/**
 * The CLI's --json output, one JSON object for scripts (jq) and other CIs. A module of its own, loaded with
 * `import()` by the one check that asks for it.
 */
import { escapeUnsafeInJson } from "@sociavault-credits/rules"
import type { Report } from "./report.js"

/** One JSON object, for scripts (jq) and other CIs. */
export const toJson = (report: Report): string => escapeUnsafeInJson(jsonOf(report))

const jsonOf = (report: Report): string => {
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
