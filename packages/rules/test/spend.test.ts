import * as Rules from "@sociavault-credits/rules"
import { describe, expect, it } from "vitest"

describe("spend rules", () => {
  it("counts a fall as spend and a rise as a top-up, never a negative spend", () => {
    expect(Rules.spendBetween(1000, 940)).toEqual({ spent: 60, toppedUp: 0 })
    expect(Rules.spendBetween(940, 1000)).toEqual({ spent: 0, toppedUp: 60 })
    expect(Rules.spendBetween(5, 5)).toEqual({ spent: 0, toppedUp: 0 })
  })

  it("gives a burn rate per hour, and none over no time", () => {
    expect(Rules.burnRatePerHour(60, 30 * 60_000)).toBe(120)
    expect(Rules.burnRatePerHour(60, 0)).toBeUndefined()
  })

  it("gives a job no burn rate over less than a minute: one request's credits are no rate", () => {
    expect(Rules.jobBurnRatePerHour(7, 300)).toBeUndefined()
    expect(Rules.jobBurnRatePerHour(60, 30 * 60_000)).toBe(120)
    expect(Rules.Messages.jobSpend(950, 943, 300)).toBe("SociaVault credits spent during this job: 7 (950 → 943 in 0s)")
    expect(Rules.Messages.jobSpend(1010, 950, 30 * 60_000)).toBe(
      "SociaVault credits spent during this job: 60 (1010 → 950 in 30m, 120/h)"
    )
  })

  it("tells how long a balance lasts at a rate", () => {
    expect(Rules.millisToZero(240, 120)).toBe(2 * 3_600_000)
    expect(Rules.millisToZero(0, 120)).toBe(0)
    expect(Rules.millisToZero(-3, undefined)).toBe(0)
    expect(Rules.millisToZero(100, 0)).toBeUndefined()
    expect(Rules.millisToZero(100, undefined)).toBeUndefined()
  })

  it("allows spending exactly the limit and refuses one more", () => {
    expect(Rules.exceedsBudget(500, 500)).toBe(false)
    expect(Rules.exceedsBudget(501, 500)).toBe(true)
  })

  it("formats rates and spans for people", () => {
    expect(Rules.formatRate(1.25)).toBe("1.3/h")
    expect(Rules.formatRate(240.4)).toBe("240/h")
    expect(Rules.formatSpan(45_000)).toBe("45s")
    expect(Rules.formatSpan(12 * 60_000)).toBe("12m")
    expect(Rules.formatSpan(200 * 60_000)).toBe("3h 20m")
    expect(Rules.formatSpan((5 * 24 + 4) * 3_600_000)).toBe("5d 4h")
  })

  it("names the budget's limit as the user wrote it, with the spend and the balance", () => {
    const message = Rules.Messages.budgetExceeded(620, "max-spend", 500, 380)
    expect(message).toContain("spent 620")
    expect(message).toContain("max-spend 500")
    expect(message).toContain("balance now 380")
  })

  it("checks CreditBudget's checkEvery: positive, at most an hour, said as the user wrote it", () => {
    expect(Rules.checkCheckEveryMillis(30_000, "30 seconds")).toEqual({ ok: true, value: 30_000 })
    expect(Rules.checkCheckEveryMillis(Rules.BUDGET_CHECK_EVERY_SECONDS.max * 1000, "1 hour").ok).toBe(true)
    for (const millis of [0, -1, Rules.BUDGET_CHECK_EVERY_SECONDS.max * 1000 + 1, Number.NaN, Infinity]) {
      expect(Rules.checkCheckEveryMillis(millis, "as written")).toEqual({
        ok: false,
        expected: Rules.EXPECTED.checkEvery,
        received: '"as written"'
      })
    }
  })
})
