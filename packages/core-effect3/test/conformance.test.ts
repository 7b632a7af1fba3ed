/**
 * The conformance suite (test/conformance/suite.ts) on the Effect 3 SDK: each client is a ManagedRuntime of the
 * SDK's layers on @effect/platform's FetchHttpClient (or, where a case asks, @effect/platform-node's NodeHttpClient
 * on node:http), with a tracer that records every span and a logger that records every log.
 */
import { FetchHttpClient, type HttpClient } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { CreditGuard, SociaVaultClient } from "@sociavault-credits/core-effect3"
import * as Rules from "@sociavault-credits/rules"
import {
  Cause,
  ConfigError,
  ConfigProvider,
  Duration,
  Effect,
  Either,
  Exit,
  Fiber,
  HashMap,
  Layer,
  Logger,
  LogLevel,
  ManagedRuntime,
  Metric,
  Option,
  Redacted,
  Tracer
} from "effect"
import { Agent, fetch as undiciFetch } from "undici"
import type {
  BalanceView,
  ClientOptions,
  ClientUnderTest,
  ErrorView,
  GuardOptions,
  LogView,
  MetricsView,
  Outcome,
  SdkUnderTest
} from "../../../test/conformance/sdk.js"
import { runConformance } from "../../../test/conformance/suite.js"

/** An error as the suite sees it: its own fields (Durations in milliseconds), `_tag` and `message`. */
const errorView = (error: unknown): ErrorView => {
  // A ConfigError (from layerConfig) has no tag; a single one has the message the SDK gave it.
  if (ConfigError.isConfigError(error)) {
    const own = (error as { readonly message?: unknown }).message
    return { _tag: "ConfigError", message: typeof own === "string" ? own : String(error) }
  }
  const fields: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(error as object)) {
    fields[key] = Duration.isDuration(value) ? Duration.toMillis(value) : value
  }
  const { _tag, message } = error as { readonly _tag?: unknown; readonly message?: unknown }
  return { ...fields, _tag: String(_tag), message: String(message) }
}

const balanceView = (balance: {
  readonly credits: number
  readonly subscriptionStatus: string
  readonly subscriptionId: string | null
  readonly isActive: boolean
}): BalanceView => ({
  credits: balance.credits,
  subscriptionStatus: balance.subscriptionStatus,
  subscriptionId: balance.subscriptionId,
  isActive: balance.isActive
})

/** The failure of an exit, or a rejection for a defect or an interruption (which are not outcomes). */
const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  return Option.getOrThrowWith(Cause.failureOption(exit.cause), () => Cause.squash(exit.cause))
}

/** A layer that installs a tracer recording every span the default tracer makes. */
const recordingTracer = (spans: Array<Tracer.Span>) =>
  Layer.unwrapEffect(
    Effect.map(Effect.tracer, (base) =>
      Layer.setTracer(
        Tracer.make({
          span: (...args) => {
            const span = base.span(...args)
            spans.push(span)
            return span
          },
          context: base.context
        })
      )
    )
  )

/** The SDK's metrics now, from the global registry's snapshot. */
const readMetrics: Effect.Effect<MetricsView> = Effect.map(Metric.snapshot, (pairs) => {
  const requests: Record<string, number> = Object.fromEntries(Rules.OUTCOMES.map((outcome) => [outcome, 0]))
  let balance: number | undefined
  for (const { metricKey, metricState } of pairs) {
    const state = metricState as { readonly count?: number | bigint; readonly value?: number | bigint }
    if (metricKey.name === Rules.METRICS.balance) balance = Number(state.value)
    if (metricKey.name === Rules.METRICS.requests) {
      const outcome = metricKey.tags.find((tag) => tag.key === "outcome")?.value
      if (outcome !== undefined) requests[outcome] = Number(state.count)
    }
  }
  return { balance, requests }
})

/** The guard's options as CreditGuard.layer takes them: a raw `ttl` as it is, for the suite to check validation. */
const guardOptionsOf = (guard: GuardOptions | undefined): CreditGuard.Options => {
  if (guard?.ttl !== undefined) return { ttl: guard.ttl as Duration.DurationInput }
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
  Layer.merge(
    Logger.replace(
      Logger.defaultLogger,
      Logger.make(({ logLevel, message, annotations }) => {
        logs.push({
          level: logLevel._tag,
          message: Array.isArray(message) ? message.map(String).join(" ") : String(message),
          annotations: Object.fromEntries(HashMap.toEntries(annotations))
        })
      })
    ),
    Logger.minimumLogLevel(LogLevel.Debug)
  )

/** The HTTP client a case asks for: fetch or node:http, trusting `trustedCa` too when it is given. */
const httpClientOf = (options: ClientOptions): Layer.Layer<HttpClient.HttpClient> => {
  const ca = options.trustedCa
  if (options.transport === "node") {
    return ca === undefined
      ? NodeHttpClient.layer
      : Layer.provide(NodeHttpClient.layerWithoutAgent, NodeHttpClient.makeAgentLayer({ ca }))
  }
  if (ca === undefined) return FetchHttpClient.layer
  // fetch takes no CA of its own: undici's fetch (Node's, as a package) on an Agent that trusts it.
  const dispatcher = new Agent({ connect: { ca } })
  const fetchTrusting = ((input: string, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof globalThis.fetch
  return Layer.provide(FetchHttpClient.layer, Layer.succeed(FetchHttpClient.Fetch, fetchTrusting))
}

const clientUnderTest = <E>(
  clientLayer: Layer.Layer<SociaVaultClient.SociaVaultClient, E>,
  guardOptions: GuardOptions | undefined
): ClientUnderTest => {
  const spans: Array<Tracer.Span> = []
  const logs: Array<LogView> = []
  const guardLayer = CreditGuard.layer(guardOptionsOf(guardOptions))
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(guardLayer.pipe(Layer.provideMerge(clientLayer)), recordingTracer(spans), recordingLogger(logs))
  )
  const outcome = async (
    effect: Effect.Effect<BalanceView, unknown, CreditGuard.CreditGuard | SociaVaultClient.SociaVaultClient>
  ): Promise<Outcome> => {
    const exit = await runtime.runPromiseExit(effect)
    return Exit.isSuccess(exit) ? { ok: true, balance: exit.value } : { ok: false, error: errorView(failureOf(exit)) }
  }
  return {
    getCredits: () => outcome(Effect.map(SociaVaultClient.getCredits, balanceView)),
    guardRequire: (atLeast) => outcome(Effect.map(CreditGuard.requireCredits(atLeast), balanceView)),
    guardMany: async (count, atLeast) => {
      let ran = 0
      const guarded = Array.from({ length: count }, () =>
        Effect.either(CreditGuard.guard({ atLeast })(Effect.sync(() => void ran++)))
      )
      const exit = await runtime.runPromiseExit(Effect.all(guarded, { concurrency: "unbounded" }))
      if (Exit.isFailure(exit)) return { ran, errors: [errorView(failureOf(exit))] }
      return { ran, errors: exit.value.filter(Either.isLeft).map((result) => errorView(result.left)) }
    },
    guardManyInterruptingFirst: async (count, atLeast, { inFlight, resume }) => {
      let ran = 0
      const guarded = CreditGuard.guard({ atLeast })(Effect.sync(() => void ran++))
      const exits = await runtime.runPromise(
        Effect.gen(function* () {
          const first = yield* Effect.fork(guarded)
          yield* Effect.promise(inFlight)
          const others = yield* Effect.forEach(Array.from({ length: count - 1 }), () => Effect.fork(guarded))
          // Time for the others to reach the read in flight and wait on it.
          yield* Effect.sleep(Duration.millis(50))
          yield* Fiber.interrupt(first)
          resume()
          return yield* Effect.forEach([first, ...others], Fiber.await)
        })
      )
      const failed = exits.filter(Exit.isFailure)
      const interrupted = failed.filter((exit) => Cause.isInterruptedOnly(exit.cause))
      const errors = failed.filter((exit) => !Cause.isInterruptedOnly(exit.cause)).map((exit) => failureOf(exit))
      return { ran, interrupted: interrupted.length, errors: errors.map(errorView) }
    },
    guardInvalidate: () => runtime.runPromise(Effect.flatMap(CreditGuard.CreditGuard, (guard) => guard.invalidate)),
    guardAmountThrows: async (atLeast) => {
      const service = await runtime.runPromise(CreditGuard.CreditGuard)
      return [
        thrownBy(() => CreditGuard.requireCredits(atLeast)),
        thrownBy(() => CreditGuard.guard({ atLeast })),
        thrownBy(() => service.require(atLeast))
      ]
    },
    logs: () => logs,
    spans: () =>
      spans
        .filter((span) => span.status._tag === "Ended")
        .map((span) => ({ name: span.name, attributes: Object.fromEntries(span.attributes) })),
    metrics: () => Effect.runPromise(readMetrics),
    dispose: () => runtime.dispose()
  }
}

const effect3Sdk: SdkUnderTest = {
  name: "effect3",
  make: (options: ClientOptions, guard) =>
    clientUnderTest(
      SociaVaultClient.layer({
        apiKey: Redacted.make(options.apiKey),
        ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl as string }),
        ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries as number }),
        ...(options.timeoutMillis === undefined ? {} : { timeout: Duration.millis(options.timeoutMillis) }),
        ...(options.attemptTimeoutMillis === undefined
          ? {}
          : { attemptTimeout: Duration.millis(options.attemptTimeoutMillis) })
      }).pipe(Layer.provide(httpClientOf(options))),
      guard
    ),
  makeFromEnv: (env) =>
    clientUnderTest(
      SociaVaultClient.layerConfig().pipe(
        Layer.provide(FetchHttpClient.layer),
        Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
      ),
      undefined
    )
}

runConformance(effect3Sdk)
