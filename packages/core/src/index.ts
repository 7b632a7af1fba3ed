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
