import { describe, expect, it } from "@effect/vitest"
import { SociaVaultClient, SociaVaultMetrics } from "@sociavault-credits/core"
import { Effect, Metric } from "effect"
import { clientOn, okBody, type Reply } from "./fakeHttpClient.js"

const countOf = (outcome: SociaVaultMetrics.Outcome) =>
  Effect.map(Metric.value(Metric.tagged(SociaVaultMetrics.requests, "outcome", outcome)), (state) => state.count)

const call = (reply: Reply) => {
  const { layer } = clientOn([reply], { maxRetries: 0 })
  return Effect.ignore(Effect.provide(SociaVaultClient.getCredits, layer))
}

describe("SociaVaultMetrics", () => {
  it.effect("sets the balance gauge on success and counts ok", () =>
    Effect.gen(function* () {
      const before = yield* countOf("ok")
      yield* call({ status: 200, body: JSON.stringify({ credits: 1234, subscriptionStatus: "active" }) })
      expect((yield* Metric.value(SociaVaultMetrics.balance)).value).toBe(1234)
      expect((yield* countOf("ok")) - before).toBe(1)
    })
  )

  it.effect.each([
    [{ status: 401 }, "unauthorized"],
    [{ status: 404 }, "not_found"],
    [{ status: 429 }, "rate_limited"],
    [{ status: 500 }, "server_error"],
    [{ fail: "transport" }, "transport"],
    [{ status: 200, body: "nope" }, "bad_body"],
    [{ status: 402 }, "unexpected_status"]
  ] as const)("counts %j as %s", ([reply, outcome]) =>
    Effect.gen(function* () {
      const before = yield* countOf(outcome)
      const okBefore = yield* countOf("ok")
      yield* call(reply)
      expect((yield* countOf(outcome)) - before).toBe(1)
      expect(yield* countOf("ok")).toBe(okBefore)
    })
  )

  it.effect("a failed call leaves the last balance in the gauge", () =>
    Effect.gen(function* () {
      yield* call({ status: 200, body: okBody })
      yield* call({ status: 500 })
      expect((yield* Metric.value(SociaVaultMetrics.balance)).value).toBe(950)
    })
  )
})
