/**
 * The credit guard: how many API calls 1,000 concurrent guarded effects make within one TTL window, and what the
 * guard adds to each guarded effect once the balance is cached, as a fraction of one loopback getCredits call
 * measured in the same run.
 */

import { CreditGuard, SociaVaultClient } from "@sociavault-credits/core"
import { DEMO_API_KEY, startFakeSociaVault } from "@sociavault-credits/fake-server"
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import { FetchHttpClient } from "effect/http"

const CONCURRENT = 1_000
const GUARDED = 200_000
const CALLS = 1_000
const ROUNDS = 5

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const time = async (f) => {
  const start = process.hrtime.bigint()
  await f()
  return Number(process.hrtime.bigint() - start) / 1e6
}

export const benchCreditGuard = async () => {
  const server = await startFakeSociaVault()
  const client = SociaVaultClient.layer({ apiKey: Redacted.make(DEMO_API_KEY), baseUrl: server.url }).pipe(
    Layer.provide(FetchHttpClient.layer)
  )
  const runtime = ManagedRuntime.make(Layer.provideMerge(CreditGuard.layer({ ttl: "10 minutes" }), client))
  try {
    const concurrent = Effect.all(
      Array.from({ length: CONCURRENT }, (_, i) => Effect.succeed(i).pipe(CreditGuard.guard({ atLeast: 20 }))),
      { concurrency: "unbounded" }
    )
    await runtime.runPromise(concurrent)
    const apiCalls = server.requests.length

    // The balance is cached now: compare the same loop with and without the guard, alternating rounds.
    const work = Effect.sync(() => 1)
    const times = (n, effect) => Effect.forEach(Array.from({ length: n }), () => effect, { discard: true })
    const bare = times(GUARDED, work)
    const guarded = times(GUARDED, work.pipe(CreditGuard.guard({ atLeast: 20 })))
    const calls = times(CALLS, SociaVaultClient.getCredits)
    await runtime.runPromise(Effect.andThen(bare, guarded))
    await runtime.runPromise(calls)
    const bareTimes = []
    const guardedTimes = []
    const callTimes = []
    for (let round = 0; round < ROUNDS; round++) {
      bareTimes.push(await time(() => runtime.runPromise(bare)))
      guardedTimes.push(await time(() => runtime.runPromise(guarded)))
      callTimes.push(await time(() => runtime.runPromise(calls)))
    }
    const guardMicros = ((median(guardedTimes) - median(bareTimes)) / GUARDED) * 1000
    const callMicros = (median(callTimes) / CALLS) * 1000
    return { concurrent: CONCURRENT, apiCalls, guardMicros, callMicros, fraction: guardMicros / callMicros }
  } finally {
    await runtime.dispose()
    await server.close()
  }
}
