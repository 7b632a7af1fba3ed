/**
 * The shared transport against real sockets: a working proxy, NO_PROXY, and proxies that misbehave. Each hostile
 * case is bounded by a guard timeout well under the test's own, so that a regression fails an assertion.
 */

import { gzipSync } from "node:zlib"
import { DEMO_API_KEY, type FakeSociaVault, startFakeSociaVault } from "@sociavault-credits/fake-server"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as HttpClient from "effect/http/HttpClient"
import type * as Layer from "effect/Layer"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { type ProxyBehaviour, startForwardProxy } from "../../../test/support/forwardProxy.js"
import * as ProxyFetch from "../src/index.js"
import * as ProxyTransport from "../src/proxy.js"

let api: FakeSociaVault
beforeEach(async () => {
  api = await startFakeSociaVault()
})
afterEach(() => api.close())

/** GET the balance through the layer, guarded by `guardMillis`; the layer (and its dispatcher) ends with it. */
const getBalance = (options: ProxyFetch.Options, guardMillis = 5_000, origin = api.url) =>
  HttpClient.get(`${origin}/v1/credits`, { headers: { "x-api-key": DEMO_API_KEY } }).pipe(
    Effect.flatMap((response) => response.text),
    Effect.timeout(guardMillis),
    Effect.provide(ProxyTransport.layer(options)),
    Effect.exit,
    Effect.runPromise
  )

const timed = async <A>(run: () => Promise<A>) => {
  const start = performance.now()
  const result = await run()
  return { result, millis: performance.now() - start }
}

const eventually = async (condition: () => boolean, withinMillis: number) => {
  const end = performance.now() + withinMillis
  while (!condition() && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 10))
  return condition()
}

const withProxy = async (
  behaviour: ProxyBehaviour,
  test: (proxy: Awaited<ReturnType<typeof startForwardProxy>>) => Promise<void>
) => {
  const proxy = await startForwardProxy({ behaviour })
  try {
    await test(proxy)
  } finally {
    await proxy.close()
  }
}

describe("the proxy variables", () => {
  it("sends the request through HTTP_PROXY", () =>
    withProxy("tunnel", async (proxy) => {
      const exit = await getBalance({ env: { HTTP_PROXY: proxy.url } })
      expect(Exit.isSuccess(exit) && JSON.parse(exit.value).credits).toBe(950)
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${api.port}`])
    }))

  it("reads the lower-case form too, and bypasses the proxy for hosts in NO_PROXY", () =>
    withProxy("tunnel", async (proxy) => {
      expect(Exit.isSuccess(await getBalance({ env: { http_proxy: proxy.url } }))).toBe(true)
      expect(proxy.seen).toHaveLength(1)
      expect(Exit.isSuccess(await getBalance({ env: { HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1" } }))).toBe(true)
      expect(proxy.seen).toHaveLength(1)
      expect(api.requests).toHaveLength(2)
    }))

  it("without a proxy variable, goes straight to the API", async () => {
    expect(ProxyFetch.proxyConfigured({})).toBe(false)
    expect(ProxyFetch.proxyConfigured({ HTTPS_PROXY: "http://proxy:3128" })).toBe(true)
    expect(Exit.isSuccess(await getBalance({ env: {} }))).toBe(true)
  })
})

describe("hostile proxies", () => {
  it("a proxy that drops the connection on CONNECT: the request fails at once, without a reconnect loop", () =>
    withProxy("dropOnConnect", async (proxy) => {
      const { result, millis } = await timed(() => getBalance({ env: { HTTP_PROXY: proxy.url } }, 3_000))
      expect(Exit.isFailure(result)).toBe(true)
      // undici 6 as is: thousands of CONNECTs a second, and only the guard timeout ends the request.
      expect(proxy.seen.length).toBeLessThanOrEqual(2)
      expect(millis).toBeLessThan(1_500)
    }))

  it.each(["silentOnConnect", "stallAfterConnect"] as const)(
    "%s: undici's own bounded timeouts end the request, even with no timeout of the caller's",
    (behaviour) =>
      withProxy(behaviour, async (proxy) => {
        const { result, millis } = await timed(() => getBalance({ env: { HTTP_PROXY: proxy.url }, timeout: 300 }))
        expect(Exit.isFailure(result)).toBe(true)
        expect(millis).toBeLessThan(2_000)
      })
  )

  it.each(["silentOnConnect", "stallAfterConnect"] as const)(
    "%s: every connection is closed as soon as the caller gives up",
    (behaviour) =>
      withProxy(behaviour, async (proxy) => {
        // The default (backstop) timeouts are 11 s: only destroying the dispatcher can close the connection sooner.
        const result = await getBalance({ env: { HTTP_PROXY: proxy.url } }, 300)
        expect(Exit.isFailure(result)).toBe(true)
        expect(proxy.seen).toHaveLength(1)
        expect(await eventually(() => proxy.openConnections() === 0, 1_000)).toBe(true)
      })
  )

  it("stallAfterConnect to an https API: the tunnel of a TLS handshake that never completes is closed too", () =>
    withProxy("stallAfterConnect", async (proxy) => {
      // Neither undici's Pool nor its Agent holds a tunnel during the handshake: only the layer's own list does.
      const result = await getBalance({ env: { HTTPS_PROXY: proxy.url } }, 300, `https://127.0.0.1:${api.port}`)
      expect(Exit.isFailure(result)).toBe(true)
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${api.port}`])
      expect(await eventually(() => proxy.openConnections() === 0, 1_000)).toBe(true)
    }))
})

/** 1 MiB of spaces after a balance, gzipped to ~1 KB: a small gzip bomb. */
const BOMB = gzipSync(Buffer.concat([Buffer.from('{"credits":1}'), Buffer.alloc(1024 * 1024, 0x20)]), { level: 9 })

/** The body's bytes and the request's Accept-Encoding, through `layer`. */
const readBytes = async (layer: Layer.Layer<HttpClient.HttpClient>) => {
  api.enqueue({ kind: "stream", body: BOMB, headers: { "content-encoding": "gzip" } })
  const exit = await HttpClient.get(`${api.url}/v1/credits`, { headers: { "x-api-key": DEMO_API_KEY } }).pipe(
    Effect.flatMap((response) => response.arrayBuffer),
    Effect.timeout(5_000),
    Effect.provide(layer),
    Effect.runPromiseExit
  )
  return {
    bytes: Exit.isSuccess(exit) ? exit.value.byteLength : -1,
    acceptEncoding: api.requests[0]?.headers["accept-encoding"]
  }
}

describe("compressed bodies: never asked for, never inflated (a gzip bomb costs its compressed size)", () => {
  it("the proxy (undici fetch) path asks for identity and hands the gzip bytes over as they came", () =>
    withProxy("tunnel", async (proxy) => {
      const read = await readBytes(ProxyFetch.transportLayer({ env: { HTTP_PROXY: proxy.url } }))
      expect(proxy.seen).toHaveLength(1)
      expect(read).toEqual({ bytes: BOMB.length, acceptEncoding: "identity" })
    }))

  it("the direct (node:http) path asks for no encoding and inflates nothing", async () => {
    const read = await readBytes(ProxyFetch.transportLayer({ env: {} }))
    expect(read).toEqual({ bytes: BOMB.length, acceptEncoding: undefined })
  })
})
