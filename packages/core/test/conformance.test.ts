/**
 * The conformance suite (test/conformance/suite.ts, shared with the Effect 3 SDK) run against this SDK: real HTTP
 * through Effect 4's FetchHttpClient (or, where a case asks, @effect/platform-node's NodeHttpClient on node:http) to
 * the fake SociaVault server on loopback.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { CreditGuard, SociaVaultClient, SociaVaultError, SociaVaultMetrics } from "@sociavault-credits/core"
import { OUTCOMES, type Outcome as RulesOutcome } from "@sociavault-credits/rules"
import {
  Cause,
  ConfigProvider,
  Duration,
  Effect,
  Exit,
  Fiber,
  Layer,
  Logger,
  ManagedRuntime,
  Metric,
  Redacted,
  References,
  Tracer
} from "effect"
import { FetchHttpClient, type HttpClient } from "effect/http"
import { Agent, fetch as undiciFetch } from "undici"
import { describe, expect, expectTypeOf, it } from "vitest"
import type {
  ClientOptions,
  ClientUnderTest,
  ErrorView,
  GuardOptions,
  LogView,
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

/** The typed failure of a cause; a defect or an interruption is not an outcome: it throws, so the suite sees a bug. */
const typedError = (cause: Cause.Cause<unknown>): ErrorView => {
  const failure = cause.reasons.find((reason) => reason._tag === "Fail")
  if (failure === undefined || failure._tag !== "Fail") throw new Error(`not a typed failure: ${String(cause)}`)
  return errorView(failure.error)
}

const toOutcome = <A extends object>(exit: Exit.Exit<A, unknown>, view: (a: A) => Outcome): Outcome =>
  Exit.isSuccess(exit) ? view(exit.value) : { ok: false, error: typedError(exit.cause) }

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

/** The guard's options as CreditGuard.layer takes them: a raw `ttl` as it is, for the suite to check validation. */
const guardOptionsOf = (guard: GuardOptions | undefined): CreditGuard.Options => {
  if (guard?.ttl !== undefined) return { ttl: guard.ttl as Duration.Input }
  return guard?.ttlMillis === undefined ? {} : { ttl: Duration.millis(guard.ttlMillis) }
}

/** What a function throws when it is called, as an error view; undefined when it throws nothing. */
const thrownBy = (f: () => unknown): ErrorView | undefined => {
  try {
    f()
    return undefined
  } catch (error) {
    return errorView(error)
  }
}

/** A logger that records every log, Debug level included, in place of the default one. */
const recordingLogger = (logs: Array<LogView>) =>
  Layer.mergeAll(
    Logger.layer([
      Logger.make(({ message, logLevel, fiber }) => {
        logs.push({
          level: logLevel,
          message: Array.isArray(message) ? message.map(String).join(" ") : String(message),
          annotations: { ...fiber.getRef(References.CurrentLogAnnotations) }
        })
      })
    ]),
    Layer.succeed(References.MinimumLogLevel, "Debug")
  )

const clientOf = (
  client: Layer.Layer<SociaVaultClient.SociaVaultClient, unknown>,
  guardOptions: GuardOptions | undefined
): ClientUnderTest => {
  const spans: Array<Tracer.NativeSpan> = []
  const logs: Array<LogView> = []
  const tracer = Tracer.make({
    span: (options) => {
      const span = new Tracer.NativeSpan(options)
      spans.push(span)
      return span
    }
  })
  const guard = CreditGuard.layer(guardOptionsOf(guardOptions))
  const runtime = ManagedRuntime.make(
    Layer.provideMerge(guard, client).pipe(
      Layer.provideMerge(Layer.succeed(Tracer.Tracer, tracer)),
      Layer.provideMerge(recordingLogger(logs))
    )
  )
  const run = <A extends object>(
    effect: Effect.Effect<A, unknown, SociaVaultClient.SociaVaultClient | CreditGuard.CreditGuard>,
    view: (a: A) => Outcome
  ) => runtime.runPromiseExit(effect).then((exit) => toOutcome(exit, view))
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
    guardManyInterruptingFirst: async (count, atLeast, { inFlight, resume }) => {
      let ran = 0
      const guarded = Effect.sync(() => {
        ran++
      }).pipe(CreditGuard.guard({ atLeast }))
      const exits = await runtime.runPromise(
        Effect.gen(function* () {
          const first = yield* Effect.forkChild(guarded)
          yield* Effect.promise(inFlight)
          const others = yield* Effect.forEach(Array.from({ length: count - 1 }), () => Effect.forkChild(guarded))
          // Time for the others to reach the read in flight and wait on it.
          yield* Effect.sleep(Duration.millis(50))
          yield* Fiber.interrupt(first)
          resume()
          return yield* Fiber.awaitAll([first, ...others])
        })
      )
      const failed = exits.filter(Exit.isFailure)
      const interrupted = failed.filter((exit) => Cause.hasInterruptsOnly(exit.cause))
      const errors = failed.filter((exit) => !Cause.hasInterruptsOnly(exit.cause)).map((exit) => typedError(exit.cause))
      return { ran, interrupted: interrupted.length, errors }
    },
    guardInvalidate: () => runtime.runPromise(Effect.flatMap(CreditGuard.CreditGuard, (g) => g.invalidate)),
    guardAmountThrows: async (atLeast) => {
      const service = await runtime.runPromise(Effect.flatMap(CreditGuard.CreditGuard, Effect.succeed))
      return [
        thrownBy(() => CreditGuard.requireCredits(atLeast)),
        thrownBy(() => CreditGuard.guard({ atLeast })),
        thrownBy(() => service.require(atLeast))
      ]
    },
    logs: () => logs,
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

/** The HTTP client a case asks for: fetch or node:http, trusting `trustedCa` too when it is given. */
const httpClientOf = (options: Pick<ClientOptions, "transport" | "trustedCa">): Layer.Layer<HttpClient.HttpClient> => {
  const ca = options.trustedCa
  if (options.transport === "node") {
    return ca === undefined ? NodeHttpClient.layerNodeHttp : NodeHttpClient.layerNodeHttpOptions({ ca })
  }
  if (ca === undefined) return FetchHttpClient.layer
  // fetch takes no CA of its own: undici's fetch (Node's, as a package) on an Agent that trusts it.
  const dispatcher = new Agent({ connect: { ca } })
  const fetchTrusting = ((input: string, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof globalThis.fetch
  return Layer.provide(FetchHttpClient.layer, Layer.succeed(FetchHttpClient.Fetch, fetchTrusting))
}

const withFetch = <E>(
  layer: Layer.Layer<SociaVaultClient.SociaVaultClient, E, HttpClient.HttpClient>,
  options: Pick<ClientOptions, "transport" | "trustedCa"> = {}
) => Layer.provide(layer, httpClientOf(options))

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
        }),
        options
      ),
      guard
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

// What the Effect 3 SDK's test/creditGuard.test.ts checks of its error channels, for this SDK.
describe("effect4: the error channels", () => {
  it("InvalidOptions is no SociaVaultError: only building a client or a guard fails with it", () => {
    const invalid = new SociaVaultError.InvalidOptions({ option: "ttl", expected: "a duration" })
    expect(SociaVaultError.isSociaVaultError(invalid)).toBe(false)
    expect(SociaVaultError.isSociaVaultError(new SociaVaultError.Unauthorized({ status: 401 }))).toBe(true)

    type CallError = Effect.Error<typeof SociaVaultClient.getCredits>
    expectTypeOf<CallError>().toEqualTypeOf<SociaVaultError.SociaVaultError>()
    expectTypeOf<Extract<CallError, { readonly _tag: "InvalidOptions" }>>().toBeNever()
    expectTypeOf<Layer.Error<ReturnType<typeof CreditGuard.layer>>>().toEqualTypeOf<SociaVaultError.InvalidOptions>()
    expectTypeOf<
      Layer.Error<ReturnType<typeof SociaVaultClient.layer>>
    >().toEqualTypeOf<SociaVaultError.InvalidOptions>()
    // A guard's amount is checked where it is written (a bad one throws): InvalidOptions is in no guarded effect's
    // error channel.
    const guarded = Effect.succeed(1).pipe(CreditGuard.guard({ atLeast: 1 }))
    expectTypeOf<Effect.Error<typeof guarded>>().toEqualTypeOf<
      CreditGuard.InsufficientCredits | SociaVaultError.SociaVaultError
    >()
    expectTypeOf<Effect.Error<ReturnType<typeof CreditGuard.requireCredits>>>().toEqualTypeOf<
      CreditGuard.InsufficientCredits | SociaVaultError.SociaVaultError
    >()
    expectTypeOf<SociaVaultMetrics.Outcome>().toEqualTypeOf<RulesOutcome>()
  })
})
