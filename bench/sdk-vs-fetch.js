/**
 * The SDK's cost per call against a raw fetch loop making the same requests to the same loopback server.
 * Rounds alternate between the two so that drift in the machine's speed hits both alike.
 */
import { FetchHttpClient, HttpClient, HttpClientRequest } from "@effect/platform"
import { SociaVaultClient } from "@sociavault-credits/core"
import { DEMO_API_KEY, startFakeSociaVault } from "@sociavault-credits/fake-server"
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"

const CALLS = 2_000
const ROUNDS = 5

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

export const benchSdkVsFetch = async () => {
  const server = await startFakeSociaVault()
  const runtime = ManagedRuntime.make(
    SociaVaultClient.layer({ apiKey: Redacted.make(DEMO_API_KEY), baseUrl: server.url }).pipe(
      Layer.provideMerge(FetchHttpClient.layer)
    )
  )
  const perRound = Math.ceil(CALLS / ROUNDS)
  const sdkLoop = Effect.repeatN(SociaVaultClient.getCredits, perRound - 1)
  const url = `${server.url}/v1/credits`
  // The floor of any client built on @effect/platform: one HttpClient.execute and a body read, nothing else.
  const platformRequest = HttpClientRequest.get(url).pipe(HttpClientRequest.setHeader("x-api-key", DEMO_API_KEY))
  const platformLoop = Effect.repeatN(
    Effect.flatMap(HttpClient.HttpClient, (client) =>
      Effect.flatMap(client.execute(platformRequest), (response) => response.json)
    ),
    perRound - 1
  )
  const rawLoop = async () => {
    for (let i = 0; i < perRound; i++) {
      const response = await fetch(url, {
        headers: { "x-api-key": DEMO_API_KEY, accept: "application/json" },
        redirect: "manual"
      })
      const body = await response.json()
      if (!Number.isInteger(body.credits)) throw new Error("bad body")
    }
  }
  const time = async (f) => {
    const start = process.hrtime.bigint()
    await f()
    return Number(process.hrtime.bigint() - start) / 1e6
  }
  // Warm both paths (JIT, keep-alive connections) before measuring.
  await runtime.runPromise(Effect.repeatN(SociaVaultClient.getCredits, 199))
  for (let i = 0; i < 200 / perRound + 1; i++) await rawLoop()

  await runtime.runPromise(Effect.repeatN(platformLoop, 1))
  const sdk = []
  const raw = []
  const platform = []
  for (let round = 0; round < ROUNDS; round++) {
    raw.push(await time(rawLoop))
    platform.push(await time(() => runtime.runPromise(platformLoop)))
    sdk.push(await time(() => runtime.runPromise(sdkLoop)))
  }
  await runtime.dispose()
  await server.close()
  const sdkPerCall = median(sdk) / perRound
  const rawPerCall = median(raw) / perRound
  const platformPerCall = median(platform) / perRound
  return {
    calls: perRound * ROUNDS,
    sdkMicros: sdkPerCall * 1000,
    rawMicros: rawPerCall * 1000,
    platformMicros: platformPerCall * 1000,
    ratio: sdkPerCall / rawPerCall,
    platformRatio: platformPerCall / rawPerCall,
    overPlatform: sdkPerCall / platformPerCall
  }
}
