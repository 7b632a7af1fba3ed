/**
 * How each setting is called where a user writes it: the SDK's option, the action's input, the CLI's flag and the
 * environment variable. An error from a shared check is reported under the name the user actually wrote.
 *
 * @since 1.0.0
 */

/** @since 1.0.0 */
export interface SettingNames {
  readonly option: string
  readonly input: string
  readonly flag: string | undefined
  readonly env: string | undefined
}

/**
 * Every setting's names. The key has no flag: flags land in shell history and process lists.
 *
 * @since 1.0.0
 */
export const SETTINGS = {
  apiKey: { option: "apiKey", input: "api-key", flag: undefined, env: "SOCIAVAULT_API_KEY" },
  baseUrl: { option: "baseUrl", input: "base-url", flag: "--base-url", env: "SOCIAVAULT_BASE_URL" },
  maxRetries: { option: "maxRetries", input: "max-retries", flag: "--max-retries", env: "SOCIAVAULT_MAX_RETRIES" },
  timeout: { option: "timeout", input: "timeout-seconds", flag: "--timeout", env: "SOCIAVAULT_TIMEOUT" },
  attemptTimeout: { option: "attemptTimeout", input: "attempt-timeout", flag: undefined, env: undefined },
  minCredits: { option: "minCredits", input: "min-credits", flag: "--min-credits", env: undefined },
  warnCredits: { option: "warnCredits", input: "warn-credits", flag: "--warn-credits", env: undefined },
  requireActive: {
    option: "requireActive",
    input: "require-active-subscription",
    flag: "--require-active",
    env: undefined
  },
  maxSpend: { option: "maxSpend", input: "max-spend", flag: undefined, env: undefined },
  trackSpend: { option: "trackSpend", input: "track-spend", flag: undefined, env: undefined },
  checkEvery: { option: "checkEvery", input: "check-every", flag: undefined, env: undefined },
  watchInterval: { option: "interval", input: "interval", flag: "--interval", env: undefined },
  metricsPort: { option: "metricsPort", input: "metrics-port", flag: "--metrics-port", env: undefined },
  metricsHost: { option: "metricsHost", input: "metrics-host", flag: "--metrics-host", env: undefined }
} as const satisfies Record<string, SettingNames>

/** @since 1.0.0 */
export type Setting = keyof typeof SETTINGS
