import { SociaVaultClient, SociaVaultMetrics } from "@sociavault-credits/core"
import { Console, Effect, Layer, Metric } from "effect"
import { FetchHttpClient } from "effect/http"

const program = Effect.gen(function* () {
  // One call. A failure is counted too, under its outcome, so this example ignores it to print the metrics.
  yield* Effect.ignore(SociaVaultClient.getCredits)

  // Read one value directly...
  const okCalls = yield* Metric.value(Metric.withAttributes(SociaVaultMetrics.requests, { outcome: "ok" }))
  yield* Console.log(`ok calls: ${okCalls.count}`)

  // ...or take a snapshot of every metric, as an exporter does.
  for (const metric of yield* Metric.snapshot) {
    if (metric.type === "Gauge") yield* Console.log(`${metric.id} ${metric.state.value}`)
    if (metric.type === "Counter") {
      yield* Console.log(`${metric.id}{outcome="${metric.attributes?.outcome}"} ${metric.state.count}`)
    }
  }
})

const SociaVault = SociaVaultClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))
Effect.runPromise(Effect.provide(program, SociaVault))
