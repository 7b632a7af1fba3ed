/**
 * Requests on a fake HttpClient, for what the real loopback server of the conformance suite cannot show: https
 * base URLs, and the shape of a transport error from @effect/platform.
 */
import { SociaVaultClient } from "@sociavault-credits/core-effect3"
import { Messages } from "@sociavault-credits/rules"
import { Effect } from "effect"
import { describe, expect } from "vitest"
import { clientOn, okBody } from "./fakeHttpClient.js"
import { it } from "./support/effectTest.js"

describe("requests on a fake HttpClient", () => {
  it.effect.each([
    ["https://api.example.test", "https://api.example.test/v1/credits"],
    ["https://api.example.test/", "https://api.example.test/v1/credits"],
    ["https://gw.example.test/sociavault", "https://gw.example.test/sociavault/v1/credits"],
    ["https://gw.example.test/sociavault//", "https://gw.example.test/sociavault/v1/credits"],
    ["https://api.example.test:8443", "https://api.example.test:8443/v1/credits"]
  ])("base URL %s requests %s", ([baseUrl, expected]) =>
    Effect.gen(function* () {
      const { layer, requests } = clientOn([{ status: 200, body: okBody }], { baseUrl })
      const client = yield* Effect.provide(SociaVaultClient.SociaVaultClient, layer)
      expect(client.creditsUrl.href).toBe(expected)
      yield* client.getCredits
      expect(requests.map((r) => r.url)).toEqual([expected])
    })
  )

  it.effect("a transport failure is a TransportError naming its cause", () =>
    Effect.gen(function* () {
      const { layer, requests } = clientOn([{ fail: "transport" }], { maxRetries: 0 })
      const error = yield* Effect.flip(Effect.provide(SociaVaultClient.getCredits, layer))
      expect(error).toMatchObject({ _tag: "TransportError", reason: "Connection", detail: "socket hang up" })
      expect(error.message).toBe(Messages.transport("Connection", "socket hang up", 1))
      expect(requests).toHaveLength(1)
    })
  )

  it.effect("a redirect from https to http on the same host is not followed", () =>
    Effect.gen(function* () {
      const { layer, requests } = clientOn([
        { status: 301, headers: { location: "http://api.example.test/v1/credits" } }
      ])
      const error = yield* Effect.flip(Effect.provide(SociaVaultClient.getCredits, layer))
      expect(error).toMatchObject({ _tag: "UnexpectedStatus", status: 301, redirectHost: "api.example.test" })
      expect(requests).toHaveLength(1)
    })
  )
})
