import { describe, expect, it } from "@effect/vitest"
import { SociaVaultClient } from "@sociavault-credits/core"
import { Effect, Fiber, TestClock, Tracer } from "effect"
import { API_KEY, clientOn, okBody } from "./fakeHttpClient.js"

/** Runs `effect` with a tracer that records every span the default tracer makes. */
const recordingSpans = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const base = yield* Effect.tracer
    const spans: Array<Tracer.Span> = []
    const tracer = Tracer.make({
      span: (...args) => {
        const span = base.span(...args)
        spans.push(span)
        return span
      },
      context: base.context
    })
    const result = yield* Effect.withTracer(effect, tracer)
    return { result, spans }
  })

describe("tracing", () => {
  it.effect("spans the call and each attempt, with attempt and status attributes", () =>
    Effect.gen(function* () {
      const { layer } = clientOn([{ status: 503 }, { status: 200, body: okBody }])
      const fiber = yield* Effect.fork(recordingSpans(Effect.provide(SociaVaultClient.getCredits, layer)))
      yield* TestClock.adjust("1 second")
      const { spans } = yield* Fiber.join(fiber)
      const call = spans.filter((span) => span.name === "SociaVaultClient.getCredits")
      const attempts = spans.filter((span) => span.name === "SociaVaultClient.attempt")
      expect(call).toHaveLength(1)
      expect(call[0]!.attributes.get("sociavault.attempts")).toBe(2)
      expect(attempts.map((span) => span.attributes.get("sociavault.attempt"))).toEqual([1, 2])
      expect(attempts.map((span) => span.attributes.get("http.response.status_code"))).toEqual([503, 200])
      for (const attempt of attempts) {
        expect(attempt.parent._tag === "Some" && attempt.parent.value.spanId).toBe(call[0]!.spanId)
      }
    })
  )

  it.effect("a failed call's span still counts its attempts", () =>
    Effect.gen(function* () {
      const { layer } = clientOn([{ status: 401 }])
      const { spans } = yield* recordingSpans(Effect.ignore(Effect.provide(SociaVaultClient.getCredits, layer)))
      const call = spans.find((span) => span.name === "SociaVaultClient.getCredits")
      expect(call?.attributes.get("sociavault.attempts")).toBe(1)
    })
  )

  it.effect("no span of the call, the HTTP client's included, carries the API key", () =>
    Effect.gen(function* () {
      const { layer } = clientOn([{ status: 200, body: okBody }])
      const { spans } = yield* recordingSpans(Effect.provide(SociaVaultClient.getCredits, layer))
      expect(spans.map((span) => span.name)).toContain("http.client GET")
      const headerAttributes = spans.flatMap((span) =>
        [...span.attributes.keys()].filter((k) => k.includes("x-api-key"))
      )
      expect(headerAttributes.length).toBeGreaterThan(0)
      for (const span of spans) {
        expect(JSON.stringify([...span.attributes.entries()])).not.toContain(API_KEY)
      }
    })
  )
})
