import { CreditBalance } from "@sociavault-credits/core"
import { Redacted } from "effect"
import { describe, expect, it } from "vitest"
import type { ActionInputs } from "../src/inputs.js"
import { judge } from "../src/verdict.js"

const inputs = (overrides: Partial<ActionInputs> = {}): ActionInputs => ({
  apiKey: Redacted.make("k"),
  minCredits: 100,
  warnCredits: 500,
  requireActiveSubscription: false,
  baseUrl: "https://api.sociavault.com",
  timeoutSeconds: 30,
  maxRetries: 3,
  maxSpend: undefined,
  trackSpend: true,
  ...overrides
})

const balance = (credits: number, subscriptionStatus: CreditBalance.SubscriptionStatus = "active") =>
  new CreditBalance.CreditBalance({ credits, subscriptionStatus, subscriptionId: null })

describe("judge", () => {
  it("passes at exactly min-credits and warns below warn-credits", () => {
    expect(judge(balance(100), inputs())).toEqual({
      belowThreshold: false,
      belowWarning: true,
      inactive: false,
      failures: [],
      warnings: ["SociaVault balance is 100 credits, below warn-credits 500"],
      outcome: "passed"
    })
  })

  it("fails one credit below min-credits, naming both numbers", () => {
    const verdict = judge(balance(99), inputs())
    expect(verdict.belowThreshold).toBe(true)
    expect(verdict.failures).toEqual(["SociaVault balance is 99 credits, below min-credits 100"])
    expect(verdict.outcome).toBe("below_threshold")
  })

  it("handles a negative balance", () => {
    expect(judge(balance(-3), inputs({ minCredits: 0 })).belowThreshold).toBe(true)
  })

  it("does not warn without warn-credits", () => {
    expect(judge(balance(0), inputs({ minCredits: 0, warnCredits: undefined })).belowWarning).toBe(false)
  })

  it.each(["inactive", "cancelled", "past_due"] as const)(
    "fails on %s only when an active one is required",
    (status) => {
      expect(judge(balance(1000, status), inputs()).failures).toEqual([])
      const required = judge(balance(1000, status), inputs({ requireActiveSubscription: true }))
      expect(required.failures).toEqual([
        `SociaVault subscription is ${status}, and require-active-subscription is set`
      ])
      expect(required.outcome).toBe("inactive_subscription")
    }
  )

  it.each(["inactive", "cancelled", "past_due"] as const)(
    "warns, naming the status, on %s when an active one is not required",
    (status) => {
      const verdict = judge(balance(1000, status), inputs())
      expect(verdict.outcome).toBe("passed")
      expect(verdict.warnings).toEqual([
        `SociaVault subscription is ${status}, not active: calls may start failing; set require-active-subscription to fail the step on it`
      ])
      // Required, it is a failure, not also a warning.
      expect(judge(balance(1000, status), inputs({ requireActiveSubscription: true })).warnings).toEqual([])
    }
  )

  it("does not warn about an active subscription", () => {
    expect(judge(balance(1000), inputs()).warnings).toEqual([])
  })

  it("gives every reason when both rules fail", () => {
    const verdict = judge(balance(1, "cancelled"), inputs({ requireActiveSubscription: true }))
    expect(verdict.failures).toHaveLength(2)
    expect(verdict.outcome).toBe("below_threshold")
  })
})
