/**
 * Thresholds on a balance: the rules a gate applies, shared by the GitHub Action and the CLI (written once, in
 * `@sociavault-credits/rules`).
 *
 * @example
 * ```ts
 * import { CreditBalance, CreditThresholds } from "@sociavault-credits/core"
 *
 * const balance = new CreditBalance.CreditBalance({ credits: 120, subscriptionStatus: "past_due" })
 *
 * const evaluation = CreditThresholds.evaluate(balance, { minCredits: 100, warnCredits: 500, requireActive: true })
 *
 * // Above the minimum but below the warning, and the subscription is not active: the gate fails.
 * assert.deepStrictEqual(evaluation, { belowMinimum: false, belowWarning: true, inactive: true, passes: false })
 * ```
 *
 * @since 2.0.0
 */
import * as Rules from "@sociavault-credits/rules"
import type { CreditBalance } from "./CreditBalance.js"

/**
 * What a gate asks of a balance.
 *
 * @since 2.0.0
 * @category models
 */
export type Thresholds = Rules.Thresholds

/**
 * How a balance fares against thresholds.
 *
 * @since 2.0.0
 * @category models
 */
export type Evaluation = Rules.Evaluation

/**
 * Evaluates a balance against thresholds.
 *
 * @since 2.0.0
 * @category evaluation
 */
export const evaluate: (balance: CreditBalance, thresholds: Thresholds) => Evaluation = Rules.evaluate
