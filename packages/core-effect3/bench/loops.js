/**
 * Benchmark loops for the Effect 3 SDK, next to its own `effect` 3 and @effect/platform (bench/index.js runs them):
 * getCredits, and the floor of any client on @effect/platform, one HttpClient.execute plus a body read.
 */
import { FetchHttpClient, HttpClient, HttpClientRequest } from "@effect/platform"
import { SociaVaultClient } from "@sociavault-credits/core-effect3"
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"

export const makeLoops = (baseUrl, apiKey, perRound) => {
  const runtime = ManagedRuntime.make(
    SociaVaultClient.layer({ apiKey: Redacted.make(apiKey), baseUrl }).pipe(Layer.provideMerge(FetchHttpClient.layer))
  )
  const request = HttpClientRequest.get(`${baseUrl}/v1/credits`).pipe(HttpClientRequest.setHeader("x-api-key", apiKey))
  const bare = Effect.flatMap(HttpClient.HttpClient, (client) =>
    Effect.flatMap(client.execute(request), (response) => response.json)
  )
  const sdkLoop = Effect.repeatN(SociaVaultClient.getCredits, perRound - 1)
  const bareLoop = Effect.repeatN(bare, perRound - 1)
  return {
    sdk: () => runtime.runPromise(sdkLoop),
    bare: () => runtime.runPromise(bareLoop),
    dispose: () => runtime.dispose()
  }
}
