import { describe, expect, it } from "@effect/vitest"
import { CreditBalance } from "@sociavault-credits/core"
import { Effect, Either } from "effect"

const decode = (input: unknown) => Effect.runSync(Effect.either(CreditBalance.decodeUnknown(input)))

describe("CreditBalance", () => {
  it("decodes a full body", () => {
    const result = decode({ credits: 950, subscriptionStatus: "active", subscriptionId: "sub_1234567890" })
    expect(Either.getOrThrow(result)).toMatchObject({
      credits: 950,
      subscriptionStatus: "active",
      subscriptionId: "sub_1234567890"
    })
  })

  it("decodes a null subscriptionId, and an absent one as null", () => {
    const explicit = Either.getOrThrow(decode({ credits: 1, subscriptionStatus: "inactive", subscriptionId: null }))
    const absent = Either.getOrThrow(decode({ credits: 1, subscriptionStatus: "inactive" }))
    expect(explicit.subscriptionId).toBeNull()
    expect(absent.subscriptionId).toBeNull()
  })

  it("accepts zero and negative balances", () => {
    expect(Either.getOrThrow(decode({ credits: 0, subscriptionStatus: "past_due" })).credits).toBe(0)
    expect(Either.getOrThrow(decode({ credits: -42, subscriptionStatus: "cancelled" })).credits).toBe(-42)
  })

  it("ignores fields it does not know", () => {
    const balance = Either.getOrThrow(decode({ credits: 5, subscriptionStatus: "active", plan: "pro", extra: [1] }))
    expect(balance).toBeInstanceOf(CreditBalance.CreditBalance)
    expect(Object.keys(balance)).not.toContain("plan")
  })

  it.each([
    ["a fractional balance", { credits: 1.5, subscriptionStatus: "active" }],
    ["a string balance", { credits: "950", subscriptionStatus: "active" }],
    ["a missing balance", { subscriptionStatus: "active" }],
    ["an unknown status", { credits: 1, subscriptionStatus: "trialing" }],
    ["a numeric subscriptionId", { credits: 1, subscriptionStatus: "active", subscriptionId: 7 }],
    ["an array", [{ credits: 1, subscriptionStatus: "active" }]],
    ["null", null]
  ])("rejects %s", (_, input) => {
    expect(Either.isLeft(decode(input))).toBe(true)
  })

  it("tells whether the subscription is active", () => {
    expect(Either.getOrThrow(decode({ credits: 1, subscriptionStatus: "active" })).isActive).toBe(true)
    expect(Either.getOrThrow(decode({ credits: 1, subscriptionStatus: "past_due" })).isActive).toBe(false)
  })
})
