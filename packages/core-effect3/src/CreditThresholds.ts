/**
 * Thresholds on a balance: the rules a gate applies, shared (through @sociavault-credits/rules) with the Effect 4
 * SDK, the GitHub Action and the CLI.
 *
 * @since 1.0.0
 */
import * as Rules from "@sociavault-credits/rules"
import type { CreditBalance } from "./CreditBalance.js"

/**
 * What a gate asks of a balance.
 *
 * @since 1.0.0
 * @category models
 */
export type Thresholds = Rules.Thresholds

/**
 * How a balance fares against thresholds.
 *
 * @since 1.0.0
 * @category models
 */
export type Evaluation = Rules.Evaluation

/**
 * Evaluates a balance against thresholds.
 *
 * @since 1.0.0
 * @category evaluation
 */
export const evaluate = (balance: CreditBalance, thresholds: Thresholds): Evaluation =>
  Rules.evaluate(balance, thresholds)
