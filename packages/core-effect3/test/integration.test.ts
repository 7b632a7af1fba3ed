/**
 * The SDK over real HTTP (FetchHttpClient) against the fake SociaVault server on loopback, with faults injected.
 * Backoff waits run on the TestClock: the test moves virtual time only once the server has seen a request.
 */
import { FetchHttpClient } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { afterEach, beforeEach, describe, expect, it } from "@effect/vitest"
import { SociaVaultClient } from "@sociavault-credits/core"
import { DEMO_API_KEY, type FakeSociaVault, startFakeSociaVault } from "@sociavault-credits/fake-server"
import { type Duration, Effect, Fiber, Layer, Redacted, TestClock } from "effect"

let server: FakeSociaVault
beforeEach(async () => {
  server = await startFakeSociaVault()
})
afterEach(() => server.close())

const clientLayer = (options: Partial<SociaVaultClient.Options> = {}) =>
  SociaVaultClient.layer({ apiKey: Redacted.make(DEMO_API_KEY), baseUrl: server.url, ...options }).pipe(
    Layer.provide(FetchHttpClient.layer)
  )

const getCredits = (options: Partial<SociaVaultClient.Options> = {}) =>
  Effect.provide(SociaVaultClient.getCredits, clientLayer(options))

/** Waits (on real events) until the server has seen `count` requests, then moves virtual time by `by`. */
const afterRequests = (count: number, by: Duration.DurationInput) =>
  Effect.promise(() => server.waitForRequests(count)).pipe(Effect.zipRight(TestClock.adjust(by)))

describe("integration: real HTTP to a fake SociaVault", () => {
  it.effect("reads the balance, sending the key, Accept and User-Agent", () =>
    Effect.gen(function* () {
      const balance = yield* getCredits()
      expect(balance).toMatchObject({ credits: 950, subscriptionStatus: "active" })
      const headers = server.requests[0]!.headers
      expect(headers["x-api-key"]).toBe(DEMO_API_KEY)
      expect(headers.accept).toBe("application/json")
      expect(headers["user-agent"]).toMatch(/^sociavault-credits\//)
    })
  )

  it.effect("keeps a base URL's path prefix", () =>
    Effect.gen(function* () {
      yield* getCredits({ baseUrl: `${server.url}/gateway/` })
      expect(server.requests[0]!.path).toBe("/gateway/v1/credits")
    })
  )

  it.effect("503 then 200: retried after the backoff", () =>
    Effect.gen(function* () {
      server.enqueue({ kind: "status", status: 503 })
      const fiber = yield* Effect.fork(getCredits())
      yield* afterRequests(1, "1 second")
      expect((yield* Fiber.join(fiber)).credits).toBe(950)
      expect(server.requests).toHaveLength(2)
    })
  )

  it.effect("429 with Retry-After: waits exactly as asked", () =>
    Effect.gen(function* () {
      server.enqueue({ kind: "rateLimit", retryAfter: "3" })
      const fiber = yield* Effect.fork(getCredits())
      yield* afterRequests(1, "2999 millis")
      expect(server.requests).toHaveLength(1)
      yield* TestClock.adjust("1 millis")
      expect((yield* Fiber.join(fiber)).credits).toBe(950)
      expect(server.requests).toHaveLength(2)
    })
  )

  it.effect("429 with a Retry-After past the budget fails at once", () =>
    Effect.gen(function* () {
      server.enqueue({ kind: "rateLimit", retryAfter: "120" })
      const error = yield* Effect.flip(getCredits({ timeout: "30 seconds" }))
      expect(error).toMatchObject({ _tag: "RateLimited", attempts: 1 })
      expect(server.requests).toHaveLength(1)
    })
  )

  it.effect("a connection reset is a transport error, retried", () =>
    Effect.gen(function* () {
      server.enqueue({ kind: "reset" })
      const fiber = yield* Effect.fork(getCredits())
      yield* afterRequests(1, "1 second")
      expect((yield* Fiber.join(fiber)).credits).toBe(950)
    })
  )

  it.effect("resets on every attempt end in TransportError", () =>
    Effect.gen(function* () {
      server.enqueue({ kind: "reset" }, { kind: "reset" })
      const error = yield* Effect.flip(
        Effect.gen(function* () {
          const fiber = yield* Effect.fork(getCredits({ maxRetries: 1 }))
          yield* afterRequests(1, "1 second")
          return yield* Fiber.join(fiber)
        })
      )
      expect(error).toMatchObject({ _tag: "TransportError", reason: "Connection", attempts: 2 })
    })
  )

  it.effect("a response that never comes times out the attempt, and the retry succeeds", () =>
    Effect.gen(function* () {
      server.enqueue({ kind: "hang" })
      const fiber = yield* Effect.fork(getCredits({ attemptTimeout: "5 seconds" }))
      yield* afterRequests(1, "5 seconds")
      // The backoff sleep starts once the hung request is aborted; step virtual time until the retry is sent.
      while (server.requests.length < 2) {
        yield* TestClock.adjust("250 millis")
        yield* Effect.promise(() => new Promise((resolve) => setImmediate(resolve)))
      }
      expect((yield* Fiber.join(fiber)).credits).toBe(950)
    })
  )

  it.effect("a 200 that is not JSON is InvalidResponse, not retried", () =>
    Effect.gen(function* () {
      server.enqueue({ kind: "body", body: "<html>down for maintenance</html>", contentType: "text/html" })
      const error = yield* Effect.flip(getCredits())
      expect(error._tag).toBe("InvalidResponse")
      expect(server.requests).toHaveLength(1)
    })
  )

  it.effect("a 200 of the wrong shape is InvalidResponse", () =>
    Effect.gen(function* () {
      server.enqueue({ kind: "body", body: JSON.stringify({ balance: 10 }) })
      const error = yield* Effect.flip(getCredits())
      expect(error._tag).toBe("InvalidResponse")
      expect(error.message).toContain("credits")
    })
  )

  it.effect("401 for a wrong key, 404 for a deleted user", () =>
    Effect.gen(function* () {
      const unauthorized = yield* Effect.flip(getCredits({ apiKey: Redacted.make("sk_live_wrong") }))
      expect(unauthorized._tag).toBe("Unauthorized")
      server.setBalance(DEMO_API_KEY, null)
      expect((yield* Effect.flip(getCredits()))._tag).toBe("NotFound")
    })
  )

  it.effect("a redirect to another server is not followed: the second server never sees the key", () =>
    Effect.gen(function* () {
      const other = yield* Effect.acquireRelease(
        Effect.promise(() => startFakeSociaVault()),
        (s) => Effect.promise(() => s.close())
      )
      server.enqueue({ kind: "redirect", location: `${other.url}/v1/credits`, status: 307 })
      const error = yield* Effect.flip(getCredits())
      expect(error._tag).toBe("UnexpectedStatus")
      expect(error.message).toContain(`127.0.0.1:${other.port}`)
      expect(other.requests).toHaveLength(0)
    }).pipe(Effect.scoped)
  )

  it.effect("a same-origin redirect is followed with the key", () =>
    Effect.gen(function* () {
      server.enqueue({ kind: "redirect", location: "/moved/v1/credits", status: 308 })
      expect((yield* getCredits()).credits).toBe(950)
      expect(server.requests.map((r) => r.path)).toEqual(["/v1/credits", "/moved/v1/credits"])
    })
  )
})

describe("integration: NodeHttpClient (node:http and undici) instead of fetch", () => {
  const clients = [
    ["NodeHttpClient.layer", NodeHttpClient.layer],
    ["NodeHttpClient.layerUndici", NodeHttpClient.layerUndici]
  ] as const

  it.effect.each(clients)("%s reads the balance with the key", ([, http]) =>
    Effect.gen(function* () {
      const layer = SociaVaultClient.layer({ apiKey: Redacted.make(DEMO_API_KEY), baseUrl: server.url }).pipe(
        Layer.provide(http)
      )
      expect((yield* Effect.provide(SociaVaultClient.getCredits, layer)).credits).toBe(950)
      expect(server.requests[0]!.headers["x-api-key"]).toBe(DEMO_API_KEY)
    })
  )

  it.effect.each(clients)("%s: a cross-origin redirect is refused and the other server sees nothing", ([, http]) =>
    Effect.gen(function* () {
      const other = yield* Effect.acquireRelease(
        Effect.promise(() => startFakeSociaVault()),
        (s) => Effect.promise(() => s.close())
      )
      server.enqueue({ kind: "redirect", location: `${other.url}/v1/credits` })
      const layer = SociaVaultClient.layer({ apiKey: Redacted.make(DEMO_API_KEY), baseUrl: server.url }).pipe(
        Layer.provide(http)
      )
      const error = yield* Effect.flip(Effect.provide(SociaVaultClient.getCredits, layer))
      expect(error._tag).toBe("UnexpectedStatus")
      expect(other.requests).toHaveLength(0)
    }).pipe(Effect.scoped)
  )
})
