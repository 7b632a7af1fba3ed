/**
 * What the balance means for the job: pass, warn or fail. Pure, so every rule is tested on its own.
 */
import type { CreditBalance } from "@sociavault-credits/core"
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

/** Judges a balance against the thresholds. */
export const judge = (balance: CreditBalance.CreditBalance, inputs: ActionInputs): Verdict => {
  const belowThreshold = balance.credits < inputs.minCredits
  const belowWarning = inputs.warnCredits !== undefined && balance.credits < inputs.warnCredits
  const inactive = inputs.requireActiveSubscription && balance.subscriptionStatus !== "active"
  const failures = [
    ...(belowThreshold
      ? [`SociaVault balance is ${balance.credits} credits, below min-credits ${inputs.minCredits}`]
      : []),
    ...(inactive
      ? [`SociaVault subscription is ${balance.subscriptionStatus}, and require-active-subscription is true`]
      : [])
  ]
  return { belowThreshold, belowWarning, inactive, failures }
}
