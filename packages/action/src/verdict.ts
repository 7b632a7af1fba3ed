/**
 * What the balance means for the job: pass, warn or fail, in the action's own words (its input names).
 */
import { type CreditBalance, CreditThresholds } from "@sociavault-credits/core"
import { GATE_OUTCOMES, type GateOutcome, Messages, SETTINGS } from "@sociavault-credits/rules"
import type { ActionInputs } from "./inputs.js"

/** The gate's decision on a balance. */
export interface Verdict {
  /** credits < min-credits */
  readonly belowThreshold: boolean
  /** credits < warn-credits */
  readonly belowWarning: boolean
  /** require-active-subscription is set and the subscription is not active */
  readonly inactive: boolean
  /** Why the step fails, one reason each; empty when it passes. */
  readonly failures: ReadonlyArray<string>
  /**
   * The warnings to show: the balance below warn-credits, and a subscription that is not active while
   * require-active-subscription is off (calls may start failing; the step still passes).
   */
  readonly warnings: ReadonlyArray<string>
  /** What the `outcome` output says: passed, or the gate's first reason to fail. */
  readonly outcome: GateOutcome
}

/** Judges a balance against the action's thresholds. */
export const judge = (balance: CreditBalance.CreditBalance, inputs: ActionInputs): Verdict => {
  const { belowMinimum, belowWarning, inactive } = CreditThresholds.evaluate(balance, {
    minCredits: inputs.minCredits,
    warnCredits: inputs.warnCredits,
    requireActive: inputs.requireActiveSubscription
  })
  const failures = [
    ...(belowMinimum ? [Messages.belowMinimum(balance.credits, SETTINGS.minCredits.input, inputs.minCredits)] : []),
    ...(inactive ? [Messages.inactive(balance.subscriptionStatus, SETTINGS.requireActive.input)] : [])
  ]
  const warnings = [
    ...(belowWarning && inputs.warnCredits !== undefined
      ? [Messages.belowWarning(balance.credits, SETTINGS.warnCredits.input, inputs.warnCredits)]
      : []),
    ...(balance.subscriptionStatus !== "active" && !inputs.requireActiveSubscription
      ? [Messages.subscriptionNotActive(balance.subscriptionStatus, SETTINGS.requireActive.input)]
      : [])
  ]
  const outcome = belowMinimum ? GATE_OUTCOMES.belowThreshold : inactive ? GATE_OUTCOMES.inactive : GATE_OUTCOMES.passed
  return { belowThreshold: belowMinimum, belowWarning, inactive, failures, warnings, outcome }
}
