/**
 * Effect 3 span details the conformance suite does not see: parenthood, and the HTTP client's header attributes.
 */
import { SociaVaultClient } from "@sociavault-credits/core-effect3"
import { API_KEY_HEADER, SPANS } from "@sociavault-credits/rules"
import { Effect, Fiber, Redacted, TestClock, Tracer } from "effect"
import { describe, expect } from "vitest"
import { API_KEY, clientOn, okBody } from "./fakeHttpClient.js"
import { it } from "./support/effectTest.js"

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
  it.effect("each attempt's span is a child of the call's span", () =>
    Effect.gen(function* () {
      const { layer } = clientOn([{ status: 503 }, { status: 200, body: okBody }])
      const fiber = yield* Effect.fork(recordingSpans(Effect.provide(SociaVaultClient.getCredits, layer)))
      yield* TestClock.adjust("1 second")
      const { spans } = yield* Fiber.join(fiber)
      const call = spans.filter((span) => span.name === SPANS.getCredits)
      const attempts = spans.filter((span) => span.name === SPANS.attempt)
      expect(call).toHaveLength(1)
      expect(attempts).toHaveLength(2)
      for (const attempt of attempts) {
        expect(attempt.parent._tag === "Some" && attempt.parent.value.spanId).toBe(call[0]!.spanId)
      }
    })
  )

  it.effect("the HTTP client's span records the key header, redacted", () =>
    Effect.gen(function* () {
      const { layer } = clientOn([{ status: 200, body: okBody }])
      const { spans } = yield* recordingSpans(Effect.provide(SociaVaultClient.getCredits, layer))
      const http = spans.find((span) => span.name === "http.client GET")
      const header = http?.attributes.get(`http.request.header.${API_KEY_HEADER}`)
      // @effect/platform redacts x-api-key by default (Headers.currentRedactedNames), as a Redacted shows itself.
      expect(header).toBe(String(Redacted.make(API_KEY)))
      expect(header).not.toContain(API_KEY)
    })
  )
})
