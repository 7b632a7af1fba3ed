/**
 * @since 1.0.0
 */

/**
 * The credit balance of a SociaVault account and its schema.
 *
 * @since 1.0.0
 */
export * as CreditBalance from "./CreditBalance.js"
/**
 * A budget that stops an Effect program once it has spent more than a number of credits.
 *
 * @since 1.1.0
 */
export * as CreditBudget from "./CreditBudget.js"
/**
 * A guard that runs effects only when the cached balance covers them.
 *
 * @since 1.0.0
 */
export * as CreditGuard from "./CreditGuard.js"
/**
 * The rules of a credit gate: minimum, warning and active subscription.
 *
 * @since 1.0.0
 */
export * as CreditThresholds from "./CreditThresholds.js"

/**
 * The SociaVault client service, its constructors and layers.
 *
 * @since 1.0.0
 */
export * as SociaVaultClient from "./SociaVaultClient.js"
/**
 * The errors a SociaVault call can fail with.
 *
 * @since 1.0.0
 */
export * as SociaVaultError from "./SociaVaultError.js"

/**
 * Metrics of SociaVault calls: the last balance and read time, calls by outcome, credits spent and the burn rate.
 *
 * @since 1.0.0
 */
export * as SociaVaultMetrics from "./SociaVaultMetrics.js"
