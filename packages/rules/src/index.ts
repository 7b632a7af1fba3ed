/**
 * The rules shared by the Effect 4 and Effect 3 SDKs, the GitHub Action and the CLI. No dependencies, no Effect:
 * a behaviour written here exists once.
 *
 * @since 1.0.0
 */

/** @since 1.1.0 */
export * from "./body.js"
/** @since 1.0.0 */
export * from "./limits.js"
/** @since 1.0.0 */
export * as Messages from "./messages.js"
/** @since 1.0.0 */
export * from "./names.js"
/** @since 1.0.0 */
export * from "./outcomes.js"
/** @since 1.0.0 */
export * from "./redirect.js"
/** @since 1.0.0 */
export * from "./retry.js"
/** @since 1.1.0 */
export * from "./spend.js"
/** @since 1.0.0 */
export * from "./text.js"
/** @since 1.0.0 */
export * from "./thresholds.js"
/** @since 1.0.0 */
export * from "./transport.js"
/** @since 1.0.0 */
export * from "./validate.js"
/** @since 1.1.0 */
export * from "./watch.js"
