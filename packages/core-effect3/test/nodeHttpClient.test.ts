/**
 * The SDK on @effect/platform-node's HTTP clients (node:http and undici) instead of fetch, over real HTTP to the fake
 * SociaVault server. Everything else over real HTTP is in the conformance suite, on FetchHttpClient.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { SociaVaultClient } from "@sociavault-credits/core-effect3"
import { DEMO_API_KEY, type FakeSociaVault, startFakeSociaVault } from "@sociavault-credits/fake-server"
import { Effect, Layer, Redacted } from "effect"
import { afterEach, beforeEach, describe, expect } from "vitest"
import { it } from "./support/effectTest.js"

let server: FakeSociaVault
beforeEach(async () => {
  server = await startFakeSociaVault()
})
afterEach(() => server.close())

describe("NodeHttpClient (node:http and undici) instead of fetch", () => {
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
