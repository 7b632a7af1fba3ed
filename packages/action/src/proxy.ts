/**
 * HTTP for the action: fetch through undici's EnvHttpProxyAgent, so self-hosted runners behind a proxy work with
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY alone. Node's own fetch reads those only with NODE_USE_ENV_PROXY set at
 * start-up, which a workflow author cannot be asked to know.
 */

import * as FetchHttpClient from "effect/http/FetchHttpClient"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import { type Dispatcher, EnvHttpProxyAgent, fetch as undiciFetch } from "undici"

const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"]

/** Whether the environment names a proxy; without one, undici's default agent is all that is needed. */
const proxyConfigured = (env: NodeJS.ProcessEnv) => PROXY_VARIABLES.some((name) => (env[name] ?? "") !== "")

/**
 * undici 6 flags EnvHttpProxyAgent as experimental with a process warning on construction; on a runner that
 * warning is noise in every job log, so only that one warning is dropped.
 */
const quietEnvHttpProxyAgent = (): Dispatcher => {
  const emitWarning = process.emitWarning
  process.emitWarning = ((warning: string | Error, ...rest: Array<unknown>) => {
    const code = typeof rest[0] === "object" && rest[0] !== null ? (rest[0] as { code?: unknown }).code : rest[1]
    if (code !== "UNDICI-EHPA") Reflect.apply(emitWarning, process, [warning, ...rest])
  }) as typeof process.emitWarning
  try {
    return new EnvHttpProxyAgent()
  } finally {
    process.emitWarning = emitWarning
  }
}

/** A FetchHttpClient whose fetch honours the proxy environment variables. */
export const layerProxyAwareFetch: Layer.Layer<HttpClient.HttpClient> = FetchHttpClient.layer.pipe(
  Layer.provide(
    Layer.sync(FetchHttpClient.Fetch, () => {
      // undici is loaded anyway (@actions/core's HTTP client imports it): its fetch saves loading Node's own copy.
      if (!proxyConfigured(process.env)) return undiciFetch as unknown as typeof fetch
      const dispatcher = quietEnvHttpProxyAgent()
      // undici's own fetch, with the dispatcher from the same undici: Node's built-in fetch may be a different
      // undici version, and dispatchers do not cross versions reliably.
      const proxied = (input: Parameters<typeof fetch>[0], init?: RequestInit) =>
        undiciFetch(
          input as Parameters<typeof undiciFetch>[0],
          { ...init, dispatcher } as Parameters<typeof undiciFetch>[1]
        )
      return proxied as unknown as typeof fetch
    })
  )
)
