/**
 * The proxy variables, read the way undici reads them, shared by the transport choice (index.ts) and the proxy
 * transport (proxy.ts).
 *
 * @since 1.1.0
 */
import type * as Duration from "effect/Duration"

/** Environment variables, as `process.env` holds them. @since 1.0.0 */
export type Environment = Readonly<Record<string, string | undefined>>

/** @since 1.0.0 */
export interface Options {
  /** Where the proxy variables are read; `process.env` by default. */
  readonly env?: Environment | undefined
  /**
   * undici's own connect, headers and body timeouts, and the proxy's `CONNECT`'s. A backstop only: by default one
   * SDK attempt's timeout plus a second, so the SDK's typed timeout always ends an attempt first.
   */
  readonly timeout?: Duration.Input | undefined
}

/** A proxy variable as undici reads it: the lower-case form first. @since 1.1.0 */
export const variable = (env: Environment, name: string): string => env[name.toLowerCase()] ?? env[name] ?? ""

/** Whether the environment names any proxy (`HTTPS_PROXY` or `HTTP_PROXY`, either case). @since 1.0.0 */
export const proxyConfigured = (env: Environment = process.env): boolean =>
  variable(env, "HTTPS_PROXY") !== "" || variable(env, "HTTP_PROXY") !== ""
