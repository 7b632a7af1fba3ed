/**
 * The HTTP transport of the action and the CLI, chosen once per check from the environment:
 *
 * - **no proxy variable** (`HTTPS_PROXY`, `HTTP_PROXY`, either case): @effect/platform-node's node:http client.
 *   It loads node:http and node:https with `createRequire`: in Node 24 an ESM `import "node:http"` evaluates its
 *   lazy WebSocket exports and with them Node's internal undici (~28 ms of a ~100 ms run). node:http sends no
 *   `Accept-Encoding` and decompresses nothing, so a compressed body is never inflated on this path;
 * - **a proxy variable set**: the proxy-aware undici transport (./proxy.ts), loaded with `import()` only then, so
 *   undici, its llhttp WebAssembly and the builtins it pulls in (http2, zlib, worker_threads…) are never evaluated
 *   on the direct path.
 *
 * This module must never import undici, or anything that does, statically: `npm run check-dist` fails when the
 * chunks loaded at start contain undici or tunnel code.
 *
 * Private: bundled by Rollup into the action (dist/) and the CLI (packages/cli/bin/), never published.
 *
 * @since 1.0.0
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import { type Options, proxyConfigured } from "./environment.js"

export { type Environment, type Options, proxyConfigured } from "./environment.js"

/**
 * The `HttpClient` for one check: node:http without a proxy variable, the proxy-aware undici transport (loaded on
 * demand) with one. Either way the connections live as long as the layer: provide it around the whole check
 * (`Effect.provide`), and when the check settles, by success, failure, timeout or interruption, every socket and
 * tunnel is closed and the process can exit.
 *
 * @since 1.1.0
 */
export const transportLayer = (options: Options = {}): Layer.Layer<HttpClient.HttpClient> =>
  proxyConfigured(options.env ?? process.env)
    ? Layer.unwrap(Effect.promise(() => import("./proxy.js")).pipe(Effect.map((proxy) => proxy.layer(options))))
    : NodeHttpClient.layerNodeHttp
