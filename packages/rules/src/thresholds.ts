/**
 * The rules a gate applies to a balance, shared by both SDKs' CreditThresholds, the action and the CLI.
 *
 * @since 1.0.0
 */

/**
 * What a gate asks of a balance.
 *
 * @since 1.0.0
 */
export interface Thresholds {
  /** Below this many credits the gate fails. */
  readonly minCredits: number
  /** Below this many credits the gate warns; none when undefined. */
  readonly warnCredits?: number | undefined
  /** Whether the gate fails unless the subscription is active. */
  readonly requireActive: boolean
}

/**
 * How a balance fares against thresholds.
 *
 * @since 1.0.0
 */
export interface Evaluation {
  /** credits < minCredits */
  readonly belowMinimum: boolean
  /** credits < warnCredits */
  readonly belowWarning: boolean
  /** requireActive, and the subscription is not active */
  readonly inactive: boolean
  /** Whether the gate passes: neither below the minimum nor inactive. */
  readonly passes: boolean
}

/**
 * Evaluates a balance against thresholds.
 *
 * @since 1.0.0
 */
export const evaluate = (
  balance: { readonly credits: number; readonly subscriptionStatus: string },
  thresholds: Thresholds
): Evaluation => {
  const belowMinimum = balance.credits < thresholds.minCredits
  const belowWarning = thresholds.warnCredits !== undefined && balance.credits < thresholds.warnCredits
  const inactive = thresholds.requireActive && balance.subscriptionStatus !== "active"
  return { belowMinimum, belowWarning, inactive, passes: !belowMinimum && !inactive }
}
