/**
 * What the balance means for the job: pass, warn or fail, in the action's own words (its input names).
 */
import { type CreditBalance, CreditThresholds } from "@sociavault-credits/core"
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
}

/** Judges a balance against the action's thresholds. */
export const judge = (balance: CreditBalance.CreditBalance, inputs: ActionInputs): Verdict => {
  const { belowMinimum, belowWarning, inactive } = CreditThresholds.evaluate(balance, {
    minCredits: inputs.minCredits,
    warnCredits: inputs.warnCredits,
    requireActive: inputs.requireActiveSubscription
  })
  const failures = [
    ...(belowMinimum
      ? [`SociaVault balance is ${balance.credits} credits, below min-credits ${inputs.minCredits}`]
      : []),
    ...(inactive
      ? [`SociaVault subscription is ${balance.subscriptionStatus}, and require-active-subscription is true`]
      : [])
  ]
  return { belowThreshold: belowMinimum, belowWarning, inactive, failures }
}
