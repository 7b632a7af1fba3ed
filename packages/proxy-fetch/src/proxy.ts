/**
 * The transport of the action and the CLI when a proxy variable is set (index.ts chooses it, and loads this module
 * with `import()` only then): effect/http's fetch client on undici, with
 *
 * - **the proxy variables honoured as they are**: `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (or their lower-case
 *   forms) through undici's `EnvHttpProxyAgent`. Node's own fetch reads them only with `NODE_USE_ENV_PROXY` set at
 *   start-up (Node 24), or never (Node 22), which a CI author cannot be asked to know;
 * - **an end whatever the network does**: the dispatcher is the layer's resource, destroyed when the check settles
 *   (sockets, tunnels being set up and queued requests with it), so nothing of the check outlives its timeout;
 *   undici's connect, headers and body timeouts are bounded too, as a backstop;
 * - **no reconnect loop** on a proxy that drops the connection on `CONNECT` (undici 6's ProxyAgent took that for a
 *   recoverable socket error and reconnected for ever, nodejs/undici#3897; fixed upstream by nodejs/undici#5441, in
 *   undici 8, not in 6.x, the line @actions/core's HTTP client uses and the bundles share): the request fails, and
 *   the SDK's retry policy decides.
 *
 * Private: bundled by Rollup into a lazy chunk of the action (dist/) and the CLI (packages/cli/bin/), never
 * published.
 *
 * @since 1.1.0
 */

import type { Duplex } from "node:stream"
import { setFlagsFromString } from "node:v8"
import { ATTEMPT_TIMEOUT_SECONDS } from "@sociavault-credits/rules"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import type * as UndiciModule from "undici"
import type { Dispatcher, EnvHttpProxyAgent, Pool } from "undici"
import { type Options, proxyConfigured, variable } from "./environment.js"

export type { Environment, Options } from "./environment.js"

type Undici = typeof UndiciModule

/**
 * undici, loaded by the first request rather than with this module. Through a code-split bundle, `import()` of a
 * CommonJS module may give a namespace with only `default` (module.exports); Node's own loader gives the named
 * exports too. Either way `default`, when it is there, is the whole module.
 */
const loadUndici = async (): Promise<Undici> => {
  // fetch parses HTTP with a WebAssembly build of llhttp. V8 compiles it at once with its baseline compiler
  // (Liftoff), then optimises it again on background threads, and Node waits for those before the process may exit:
  // ~150 ms of idle time after the check, for parsing a single response. The baseline code is ample for that. Set
  // here, on the proxy path only: the flag makes Node drop its cached compiled builtins, so every builtin loaded
  // after it takes about twice as long, a cost the direct (node:http) path must not pay.
  setFlagsFromString("--liftoff-only")
  const loaded = (await import("undici")) as Undici & { readonly default?: Undici }
  return loaded.default ?? loaded
}

/**
 * The proxy closed the connection while the `CONNECT` tunnel was being set up. undici 6 rejects that `CONNECT` with
 * `UND_ERR_SOCKET`, which its client takes for a recoverable error of an established connection: the request stays
 * queued and the client reconnects at once, for ever. Any other code fails the request; this one is the code undici
 * 8 gives the case (`ProxyConnectionError`, nodejs/undici#5441).
 *
 * @since 1.0.0
 */
export class ProxyConnectionError extends Error {
  readonly code = "UND_ERR_PRX_CONN"
  constructor(cause: unknown) {
    super("the proxy closed the connection before the tunnel was established", { cause })
    this.name = "ProxyConnectionError"
  }
}

const isSocketError = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "UND_ERR_SOCKET"

/**
 * The client to the proxy itself, as ProxyAgent's `clientFactory`: undici's default (a Pool) with bounded timeouts,
 * whose `CONNECT` failing on a dropped socket fails with {@link ProxyConnectionError} instead.
 *
 * Each tunnel a `CONNECT` opens is added to `tunnels` until it closes. Once established, a tunnel belongs to neither
 * the Pool (it handed the socket over) nor, until the TLS handshake through it completes, the Agent: destroying the
 * dispatcher leaves a handshake stalled in a silent tunnel alive until undici's own TLS timeout (11 s by default),
 * and the process with it. The layer destroys what is left in `tunnels` when the check settles.
 */
const proxyClientFactory =
  (undici: Undici, timeouts: Pool.Options, tunnels: Set<Duplex>) =>
  (origin: URL, options: object): Dispatcher => {
    const pool = new undici.Pool(origin, { ...options, ...timeouts })
    const connect = pool.connect.bind(pool) as (options: Dispatcher.ConnectOptions) => Promise<Dispatcher.ConnectData>
    // ProxyAgent only uses the promise form.
    pool.connect = ((options: Dispatcher.ConnectOptions) =>
      connect(options).then(
        (data) => {
          tunnels.add(data.socket)
          data.socket.once("close", () => tunnels.delete(data.socket))
          return data
        },
        (error: unknown) => {
          throw isSocketError(error) ? new ProxyConnectionError(error) : error
        }
      )) as typeof pool.connect
    return pool
  }

/**
 * undici 6 flags EnvHttpProxyAgent as experimental with a process warning on construction; in a job log or a
 * terminal that warning is noise, so only that one warning is dropped.
 */
const quietly = <A>(make: () => A): A => {
  const emitWarning = process.emitWarning
  process.emitWarning = ((warning: string | Error, ...rest: Array<unknown>) => {
    const code = typeof rest[0] === "object" && rest[0] !== null ? (rest[0] as { code?: unknown }).code : rest[1]
    if (code !== "UNDICI-EHPA") Reflect.apply(emitWarning, process, [warning, ...rest])
  }) as typeof process.emitWarning
  try {
    return make()
  } finally {
    process.emitWarning = emitWarning
  }
}

const DEFAULT_TIMEOUT = Duration.seconds(ATTEMPT_TIMEOUT_SECONDS.default + 1)

/** undici and the dispatcher of one check. */
interface Transport {
  readonly undici: Undici
  readonly dispatcher: Dispatcher
  /** The proxy tunnels still open (see {@link proxyClientFactory}). */
  readonly tunnels: Set<Duplex>
}

/**
 * The dispatcher for one check: an `EnvHttpProxyAgent` when the environment names a proxy, a plain `Agent`
 * otherwise, every wait bounded.
 */
const transportOf = (undici: Undici, options: Options): Transport => {
  const env = options.env ?? process.env
  const millis = Duration.toMillis(options.timeout ?? DEFAULT_TIMEOUT)
  const timeouts = { connectTimeout: millis, headersTimeout: millis, bodyTimeout: millis }
  const tunnels = new Set<Duplex>()
  if (!proxyConfigured(env)) return { undici, dispatcher: new undici.Agent(timeouts), tunnels }
  const dispatcher = quietly(
    () =>
      new undici.EnvHttpProxyAgent({
        ...timeouts,
        // Passed explicitly ("" for none): undici would otherwise fall back on process.env.
        httpProxy: variable(env, "HTTP_PROXY"),
        httpsProxy: variable(env, "HTTPS_PROXY"),
        noProxy: variable(env, "NO_PROXY"),
        // ProxyAgent's options, passed through by EnvHttpProxyAgent: the TCP+TLS connect to the proxy and the TLS
        // handshake through the tunnel are bounded like the rest.
        proxyTls: { timeout: millis },
        requestTls: { timeout: millis },
        clientFactory: proxyClientFactory(undici, timeouts, tunnels)
      } as EnvHttpProxyAgent.Options)
  )
  return { undici, dispatcher, tunnels }
}

/**
 * A dispatcher that hands response bodies to fetch as they came, compressed or not: `Content-Encoding` is taken out
 * of the headers fetch sees, so fetch inflates nothing. undici 6's fetch has no option for that, and inflates a
 * whole chunk at a time whatever its reader does: 64 KB of gzip became 64 MB in memory (55 MB of peak RSS in the
 * action) before the SDK's 64 KB cap could stop it. With `Accept-Encoding: identity` asked (see {@link makeFetch}),
 * a server that compresses anyway sends what the SDK refuses as a bad body, as on the node:http path, which never
 * decompresses either.
 */
const uncompressed = (undici: Undici, dispatcher: Dispatcher): Dispatcher => {
  // undici 6's DecoratorHandler forwards every callback to the handler it wraps (as that handler's method); its
  // type declares the newer handler API, without onHeaders.
  const Decorator = undici.DecoratorHandler as unknown as new (
    handler: Dispatcher.DispatchHandlers
  ) => {
    onHeaders(status: number, rawHeaders: Array<Buffer>, resume: () => void, statusText: string): boolean
  }
  class WithoutContentEncoding extends Decorator {
    override onHeaders(status: number, rawHeaders: Array<Buffer>, resume: () => void, statusText: string) {
      const kept: Array<Buffer> = []
      for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
        if (rawHeaders[i]!.toString("latin1").toLowerCase() === "content-encoding") continue
        kept.push(rawHeaders[i]!, rawHeaders[i + 1]!)
      }
      return super.onHeaders(status, kept, resume, statusText)
    }
  }
  return dispatcher.compose((dispatch) => (options, handler) => dispatch(options, new WithoutContentEncoding(handler)))
}

/**
 * A fetch for the layer's lifetime: undici and the dispatcher are made by the first request (a command that ends
 * before any, `--help`, loads neither), and `close` destroys the dispatcher if there is one. It asks for no
 * compression (`Accept-Encoding: identity` unless the request says otherwise; fetch would ask for gzip, deflate
 * and br) and inflates none (see {@link uncompressed}).
 */
const makeFetch = (options: Options) => {
  let transport: Promise<Transport> | undefined
  const fetch = async (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit): Promise<Response> => {
    transport ??= loadUndici().then((undici) => transportOf(undici, options))
    const { undici, dispatcher } = await transport
    const headers = new undici.Headers(init?.headers as ConstructorParameters<Undici["Headers"]>[0])
    if (!headers.has("accept-encoding")) headers.set("accept-encoding", "identity")
    // undici's own fetch with the dispatcher: Node's built-in fetch is another undici; dispatchers do not cross.
    return undici.fetch(
      input as Parameters<Undici["fetch"]>[0],
      { ...init, headers, dispatcher: uncompressed(undici, dispatcher) } as Parameters<Undici["fetch"]>[1]
    ) as unknown as Promise<Response>
  }
  const close = async (): Promise<void> => {
    if (transport === undefined) return
    const { dispatcher, tunnels } = await transport
    for (const tunnel of tunnels) tunnel.destroy()
    await dispatcher.destroy()
  }
  return { fetch: fetch as typeof globalThis.fetch, close }
}

/**
 * An `HttpClient` (effect/http's FetchHttpClient) on undici's fetch, through the proxy the environment names. The
 * dispatcher lives as long as the layer: provide it around the whole check (`Effect.provide`), and when the check
 * settles, by success, failure, timeout or interruption, every connection is closed and the process can exit.
 *
 * @since 1.0.0
 */
export const layer = (options: Options = {}): Layer.Layer<HttpClient.HttpClient> =>
  FetchHttpClient.layer.pipe(
    Layer.provide(
      Layer.effect(
        FetchHttpClient.Fetch,
        Effect.map(
          Effect.acquireRelease(
            Effect.sync(() => makeFetch(options)),
            ({ close }) =>
              Effect.tryPromise(close).pipe(
                Effect.ignore,
                // destroy() ends sockets at once; never let a misbehaving one hold the end of the check.
                Effect.timeoutOption(Duration.seconds(1))
              )
          ),
          ({ fetch }) => fetch
        )
      )
    )
  )
