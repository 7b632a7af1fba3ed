/**
 * watch's Prometheus metrics and the server that exposes them: Effect metrics, formatted by Effect's own
 * `PrometheusMetrics` and served by an Effect HTTP server on Node's `http`. The SDK's metrics (the balance last
 * read, calls by outcome) are in the same registry and served with them. Nothing here knows the key.
 *
 * @since 2.1.0
 */
import { createServer } from "node:http"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as Rules from "@sociavault-credits/rules"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as HttpRouter from "effect/http/HttpRouter"
import * as HttpServer from "effect/http/HttpServer"
import * as Layer from "effect/Layer"
import * as Metric from "effect/Metric"
import * as PrometheusMetrics from "effect/observability/PrometheusMetrics"
import type * as Scope from "effect/Scope"
import type { Observation } from "./reading.js"

const { WATCH_METRICS: NAMES } = Rules

const credits = Metric.gauge(NAMES.credits, { description: "The SociaVault credit balance last read, in credits" })
const lastSuccess = Metric.gauge(NAMES.lastSuccess, {
  description: "When the balance was last read successfully, in unix seconds"
})
const readErrors = Metric.counter(NAMES.readErrors, {
  description: "Failed balance readings, by kind",
  incremental: true
})
const burnRate = Metric.gauge(NAMES.burnRate, {
  description: `Credits spent per hour over the last ${Rules.WATCH_RATE_WINDOW_SECONDS / 60} minutes (other clients of the account count too)`
})
const belowMinimum = Metric.gauge(NAMES.belowMinimum, { description: "1 while the balance is below --min-credits" })
const belowWarning = Metric.gauge(NAMES.belowWarning, { description: "1 while the balance is below --warn-credits" })

/** One series per kind of failure, made once and served from the start at 0, as Prometheus counters should be. */
const errorsByKind = new Map(
  [...new Set(Object.values(Rules.OUTCOME_BY_TAG))].map((kind) => [kind, Metric.withAttributes(readErrors, { kind })])
)

/** Registers every error series at 0, so that a rate over them exists before the first failure. @since 2.1.0 */
export const start: Effect.Effect<void> = Effect.forEach(errorsByKind.values(), (series) => Metric.update(series, 0), {
  discard: true
})

/** Records a successful reading. @since 2.1.0 */
export const recordReading = (o: Observation): Effect.Effect<void> =>
  Effect.all(
    [
      Metric.update(credits, o.credits),
      Metric.update(lastSuccess, Math.floor(o.at / 1000)),
      o.burnRatePerHour === undefined ? Effect.void : Metric.update(burnRate, o.burnRatePerHour),
      o.belowMinimum === undefined ? Effect.void : Metric.update(belowMinimum, o.belowMinimum ? 1 : 0),
      o.belowWarning === undefined ? Effect.void : Metric.update(belowWarning, o.belowWarning ? 1 : 0)
    ],
    { discard: true }
  )

/** Records a failed reading under its error's kind (an outcome of the rules' `OUTCOME_BY_TAG`). @since 2.1.0 */
export const recordError = (tag: string): Effect.Effect<void> => {
  const series = errorsByKind.get(Rules.OUTCOME_BY_TAG[tag as keyof typeof Rules.OUTCOME_BY_TAG])
  return series === undefined ? Effect.void : Metric.update(series, 1)
}

/** Why the metrics server could not start, in the user's terms. @since 2.1.0 */
export class CannotServe {
  readonly _tag = "CannotServe"
  constructor(readonly message: string) {}
}

/** Slow or silent scrapers are cut off; a scrape answers in milliseconds. */
const REQUEST_TIMEOUT_MILLIS = 10_000

/**
 * Serves the registry's metrics in Prometheus text at `METRICS_PATH` on `host:port` until the scope closes, and
 * gives the URL (port 0 resolved). Closing cuts open connections: a stop (SIGTERM) is never held up by a scraper.
 *
 * @since 2.1.0
 */
export const serve = (host: string, port: number): Effect.Effect<string, CannotServe, Scope.Scope> =>
  Effect.gen(function* () {
    const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MILLIS, headersTimeout: REQUEST_TIMEOUT_MILLIS })
    const app = HttpRouter.serve(PrometheusMetrics.layerHttp({ path: Rules.METRICS_PATH }), {
      disableLogger: true,
      disableListenLog: true
    })
    const context = yield* Layer.build(
      Layer.provideMerge(
        app,
        NodeHttpServer.layerServer(() => server, { port, host })
      )
    ).pipe(
      Effect.mapError((error) => {
        const code = (error.cause as NodeJS.ErrnoException | undefined)?.code ?? "an error"
        const address = `${host.includes(":") ? `[${host}]` : host}:${port}`
        const flags = `${Rules.SETTINGS.metricsPort.flag} or ${Rules.SETTINGS.metricsHost.flag}`
        return new CannotServe(Rules.Messages.cannotListen(address, flags, code))
      })
    )
    // Runs before the server's own close (finalizers run last added, first): idle keep-alive connections of a
    // scraper would otherwise hold the close until they time out.
    yield* Effect.addFinalizer(() => Effect.sync(() => server.closeAllConnections()))
    const address = HttpServer.formatAddress(Context.get(context, HttpServer.HttpServer).address)
    return `${address}${Rules.METRICS_PATH}`
  })
