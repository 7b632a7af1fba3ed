/**
 * The conformance suite (test/conformance/suite.ts, shared with the Effect 3 SDK) run against this SDK: real HTTP
 * through Effect 4's FetchHttpClient to the fake SociaVault server on loopback.
 */
import { CreditGuard, SociaVaultClient, SociaVaultMetrics } from "@sociavault-credits/core"
import { OUTCOMES } from "@sociavault-credits/rules"
import { ConfigProvider, Duration, Effect, Exit, Layer, ManagedRuntime, Metric, Redacted, Tracer } from "effect"
import { FetchHttpClient } from "effect/http"
import type {
  ClientOptions,
  ClientUnderTest,
  ErrorView,
  Outcome,
  SdkUnderTest,
  SpanView
} from "../../../test/conformance/sdk.js"
import { runConformance } from "../../../test/conformance/suite.js"

/** An error as plain data: its own fields, Durations as milliseconds, plus its message. */
const errorView = (error: unknown): ErrorView => {
  const record = error as Record<string, unknown> & { _tag: string; message: string }
  const fields = Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, Duration.isDuration(value) ? Duration.toMillis(value) : value])
  )
  return { ...fields, _tag: record._tag, message: record.message }
}

const toOutcome = <A extends object>(exit: Exit.Exit<A, unknown>, view: (a: A) => Outcome): Outcome => {
  if (Exit.isSuccess(exit)) return view(exit.value)
  const failure = exit.cause.reasons.find((reason) => reason._tag === "Fail")
  // A defect or an interruption is not an outcome: it rejects, so the suite sees it as a bug.
  if (failure === undefined || failure._tag !== "Fail") throw new Error(`not a typed failure: ${String(exit.cause)}`)
  return { ok: false, error: errorView(failure.error) }
}

const balanceOutcome = (balance: {
  credits: number
  subscriptionStatus: string
  subscriptionId: string | null
  isActive: boolean
}): Outcome => ({
  ok: true,
  balance: {
    credits: balance.credits,
    subscriptionStatus: balance.subscriptionStatus,
    subscriptionId: balance.subscriptionId,
    isActive: balance.isActive
  }
})

const clientOf = (
  client: Layer.Layer<SociaVaultClient.SociaVaultClient, unknown>,
  ttlMillis: number | undefined
): ClientUnderTest => {
  const spans: Array<Tracer.NativeSpan> = []
  const tracer = Tracer.make({
    span: (options) => {
      const span = new Tracer.NativeSpan(options)
      spans.push(span)
      return span
    }
  })
  const guard = CreditGuard.layer(ttlMillis === undefined ? {} : { ttl: Duration.millis(ttlMillis) })
  const runtime = ManagedRuntime.make(
    Layer.provideMerge(guard, client).pipe(Layer.provideMerge(Layer.succeed(Tracer.Tracer, tracer)))
  )
  const run = <A extends object>(
    effect: Effect.Effect<A, unknown, SociaVaultClient.SociaVaultClient | CreditGuard.CreditGuard>,
    view: (a: A) => Outcome
  ) =>
    runtime.runPromiseExit(effect).then((exit) => toOutcome(exit, view))
  return {
    getCredits: () => run(SociaVaultClient.getCredits, balanceOutcome),
    guardRequire: (atLeast) => run(CreditGuard.requireCredits(atLeast), balanceOutcome),
    guardMany: async (count, atLeast) => {
      let ran = 0
      const guarded = Effect.sync(() => {
        ran++
      }).pipe(CreditGuard.guard({ atLeast }), Effect.result)
      const results = await runtime.runPromise(
        Effect.all(
          Array.from({ length: count }, () => guarded),
          { concurrency: "unbounded" }
        )
      )
      const errors = results.flatMap((result) => (result._tag === "Failure" ? [errorView(result.failure)] : []))
      return { ran, errors }
    },
    guardInvalidate: () => runtime.runPromise(Effect.flatMap(CreditGuard.CreditGuard, (g) => g.invalidate)),
    spans: (): ReadonlyArray<SpanView> =>
      spans
        .filter((span) => span.status._tag === "Ended")
        .map((span) => ({ name: span.name, attributes: Object.fromEntries(span.attributes) })),
    metrics: async () => {
      const read = Effect.gen(function* () {
        const balance = yield* Metric.value(SociaVaultMetrics.balance)
        const requests: Record<string, number> = {}
        for (const outcome of OUTCOMES) {
          const counter = yield* Metric.value(Metric.withAttributes(SociaVaultMetrics.requests, { outcome }))
          requests[outcome] = counter.count
        }
        return { balance: balance.value as number | undefined, requests }
      })
      return runtime.runPromise(read)
    },
    dispose: () => runtime.dispose()
  }
}

const withFetch = <E>(
  layer: Layer.Layer<SociaVaultClient.SociaVaultClient, E, import("effect/http").HttpClient.HttpClient>
) => Layer.provide(layer, FetchHttpClient.layer)

const effect4: SdkUnderTest = {
  name: "effect4",
  make: (options: ClientOptions, guard) =>
    clientOf(
      withFetch(
        SociaVaultClient.layer({
          apiKey: Redacted.make(options.apiKey),
          baseUrl: options.baseUrl as string,
          maxRetries: options.maxRetries as number,
          ...(options.timeoutMillis === undefined ? {} : { timeout: Duration.millis(options.timeoutMillis) }),
          ...(options.attemptTimeoutMillis === undefined
            ? {}
            : { attemptTimeout: Duration.millis(options.attemptTimeoutMillis) })
        })
      ),
      guard?.ttlMillis
    ),
  makeFromEnv: (env) =>
    clientOf(
      withFetch(SociaVaultClient.layerConfig()).pipe(
        Layer.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env: { ...env } })))
      ),
      undefined
    )
}

runConformance(effect4)
