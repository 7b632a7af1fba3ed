import { describe, expect, it } from "@effect/vitest"
import { SociaVaultClient } from "@sociavault-credits/core"
import { Effect } from "effect"
import { API_KEY, clientOn, okBody, type Reply } from "./fakeHttpClient.js"

/** Runs getCredits against replies, with no retries so each status maps on its own. */
const run = (replies: ReadonlyArray<Reply>, maxRetries = 0) => {
  const { layer, requests } = clientOn(replies, { maxRetries })
  return SociaVaultClient.getCredits.pipe(
    Effect.flip,
    Effect.provide(layer),
    Effect.map((error) => ({ error, requests }))
  )
}

describe("status mapping", () => {
  it.effect("200 decodes the balance and sends the key, Accept and User-Agent to /v1/credits", () =>
    Effect.gen(function* () {
      const { layer, requests } = clientOn([{ status: 200, body: okBody }])
      const balance = yield* Effect.provide(SociaVaultClient.getCredits, layer)
      expect(balance.credits).toBe(950)
      expect(requests).toHaveLength(1)
      expect(requests[0]!.url).toBe("https://api.example.test/v1/credits")
      expect(requests[0]!.headers["x-api-key"]).toBe(API_KEY)
      expect(requests[0]!.headers.accept).toBe("application/json")
      expect(requests[0]!.headers["user-agent"]).toMatch(/^sociavault-credits\/\d+\.\d+\.\d+ /)
    })
  )

  it.effect.each([
    [401, "Unauthorized"],
    [403, "Unauthorized"],
    [404, "NotFound"],
    [500, "ServerError"],
    [502, "ServerError"],
    [503, "ServerError"],
    [504, "ServerError"],
    [501, "ServerError"],
    [429, "RateLimited"],
    [400, "UnexpectedStatus"],
    [402, "UnexpectedStatus"],
    [408, "UnexpectedStatus"],
    [418, "UnexpectedStatus"],
    [304, "UnexpectedStatus"],
    [302, "UnexpectedStatus"]
  ] as const)("HTTP %i fails with %s", ([status, tag]) =>
    Effect.gen(function* () {
      const { error } = yield* run([status === 304 ? { status } : { status, body: "{}" }])
      expect(error._tag).toBe(tag)
      if ("status" in error) expect(error.status).toBe(status)
      expect(error.message).toContain(String(status))
    })
  )

  it.effect("a transport failure is a TransportError naming the cause", () =>
    Effect.gen(function* () {
      const { error } = yield* run([{ fail: "transport" }])
      expect(error._tag).toBe("TransportError")
      expect(error.message).toContain("socket hang up")
    })
  )

  it.effect("a 200 that is not JSON is an InvalidResponse", () =>
    Effect.gen(function* () {
      const { error } = yield* run([{ status: 200, body: "<html>maintenance</html>" }])
      expect(error._tag).toBe("InvalidResponse")
      expect(error.message).toContain("not JSON")
    })
  )

  it.effect("a 200 of the wrong shape is an InvalidResponse naming the field", () =>
    Effect.gen(function* () {
      const { error } = yield* run([{ status: 200, body: JSON.stringify({ credits: "many" }) }])
      expect(error._tag).toBe("InvalidResponse")
      expect(error.message).toContain("credits")
    })
  )

  it.effect("a 429's Retry-After is kept on the error", () =>
    Effect.gen(function* () {
      const { error } = yield* run([{ status: 429, headers: { "retry-after": "7" } }])
      expect(error._tag === "RateLimited" && error.retryAfter).toBeTruthy()
      expect(error.message).toContain("7s")
    })
  )

  it.effect.each([401, 403, 404, 400, 402, 418])("HTTP %i is never retried", (status) =>
    Effect.gen(function* () {
      const { requests } = yield* run([{ status }], 3)
      expect(requests).toHaveLength(1)
    })
  )

  it.effect("a bad body is never retried", () =>
    Effect.gen(function* () {
      const { requests } = yield* run([{ status: 200, body: "nope" }], 3)
      expect(requests).toHaveLength(1)
    })
  )

  it.effect("no error message contains the API key", () =>
    Effect.gen(function* () {
      const replies: ReadonlyArray<Reply> = [
        { status: 401 },
        { status: 404 },
        { status: 500 },
        { status: 429 },
        { status: 400 },
        { status: 200, body: "x" },
        { fail: "transport" }
      ]
      for (const reply of replies) {
        const { error } = yield* run([reply])
        expect(error.message).not.toContain(API_KEY)
        expect(JSON.stringify(error)).not.toContain(API_KEY)
        expect(String(error)).not.toContain(API_KEY)
      }
    })
  )
})

describe("base URL", () => {
  it.effect.each([
    ["https://api.example.test", "https://api.example.test/v1/credits"],
    ["https://api.example.test/", "https://api.example.test/v1/credits"],
    ["https://gw.example.test/sociavault", "https://gw.example.test/sociavault/v1/credits"],
    ["https://gw.example.test/sociavault//", "https://gw.example.test/sociavault/v1/credits"],
    ["http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/credits"],
    ["http://localhost:8080/", "http://localhost:8080/v1/credits"]
  ])("%s requests %s", ([baseUrl, expected]) =>
    Effect.gen(function* () {
      const { layer, requests } = clientOn([{ status: 200, body: okBody }], { baseUrl })
      yield* Effect.provide(SociaVaultClient.getCredits, layer)
      expect(requests[0]!.url).toBe(expected)
    })
  )
})

describe("redirects", () => {
  it.effect("a redirect to another origin is not followed and names the host", () =>
    Effect.gen(function* () {
      const { error, requests } = yield* run([
        { status: 302, headers: { location: "https://evil.example:8443/steal" } }
      ])
      expect(error._tag).toBe("UnexpectedStatus")
      expect(error.message).toContain("evil.example:8443")
      expect(requests).toHaveLength(1)
    })
  )

  it.effect("a redirect from https to http on the same host is not followed", () =>
    Effect.gen(function* () {
      const { error, requests } = yield* run([
        { status: 301, headers: { location: "http://api.example.test/v1/credits" } }
      ])
      expect(error._tag).toBe("UnexpectedStatus")
      expect(requests).toHaveLength(1)
    })
  )

  it.effect("a same-origin redirect is followed", () =>
    Effect.gen(function* () {
      const { layer, requests } = clientOn([
        { status: 307, headers: { location: "/v2/credits" } },
        { status: 200, body: okBody }
      ])
      const balance = yield* Effect.provide(SociaVaultClient.getCredits, layer)
      expect(balance.credits).toBe(950)
      expect(requests.map((r) => r.url)).toEqual([
        "https://api.example.test/v1/credits",
        "https://api.example.test/v2/credits"
      ])
    })
  )

  it.effect("a same-origin redirect loop ends with UnexpectedStatus", () =>
    Effect.gen(function* () {
      const { error, requests } = yield* run([{ status: 302, headers: { location: "/v1/credits" } }])
      expect(error._tag).toBe("UnexpectedStatus")
      expect(requests.length).toBe(6)
    })
  )
})
