/**
 * Benchmark loops for the Effect 4 SDK, next to its own `effect` (bench/index.js runs them): getCredits, and the
 * floor of any client on effect/http, one HttpClient.execute plus a body read.
 */
import { SociaVaultClient } from "@sociavault-credits/core"
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import { FetchHttpClient, HttpClient, HttpClientRequest } from "effect/http"

export const makeLoops = (baseUrl, apiKey, perRound) => {
  const runtime = ManagedRuntime.make(
    SociaVaultClient.layer({ apiKey: Redacted.make(apiKey), baseUrl }).pipe(Layer.provideMerge(FetchHttpClient.layer))
  )
  const request = HttpClientRequest.get(`${baseUrl}/v1/credits`).pipe(HttpClientRequest.setHeader("x-api-key", apiKey))
  const bare = Effect.flatMap(HttpClient.HttpClient, (client) =>
    Effect.flatMap(client.execute(request), (response) => response.json)
  )
  const repeat = (effect) => Effect.forEach(Array.from({ length: perRound }), () => effect, { discard: true })
  const sdkLoop = repeat(SociaVaultClient.getCredits)
  const bareLoop = repeat(bare)
  return {
    sdk: () => runtime.runPromise(sdkLoop),
    bare: () => runtime.runPromise(bareLoop),
    dispose: () => runtime.dispose()
  }
}
