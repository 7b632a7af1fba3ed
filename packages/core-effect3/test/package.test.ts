/**
 * The package itself: its version and User-Agent, and the shared rules it re-exports.
 */
import { readFileSync } from "node:fs"
import { CreditBalance, CreditThresholds, SociaVaultClient } from "@sociavault-credits/core-effect3"
import * as Rules from "@sociavault-credits/rules"
import { describe, expect, it } from "vitest"
import { USER_AGENT, VERSION } from "../src/internal/version.js"

describe("the package", () => {
  it("names its version from package.json in the User-Agent, with the Effect 3 family", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      name: string
      version: string
    }
    expect(VERSION).toBe(pkg.version)
    expect(USER_AGENT).toBe(`sociavault-credits/${pkg.version} (${pkg.name}; effect 3)`)
    expect(pkg.name).toBe("@sociavault-credits/core-effect3")
  })

  it("uses the shared default base URL", () => {
    expect(SociaVaultClient.defaultBaseUrl).toBe(Rules.DEFAULT_BASE_URL)
  })

  it("CreditThresholds.evaluate is the shared rule, on a CreditBalance", () => {
    const balance = CreditBalance.CreditBalance.make({
      credits: 5,
      subscriptionStatus: "past_due",
      subscriptionId: null
    })
    for (const thresholds of [
      { minCredits: 0, requireActive: false },
      { minCredits: 10, warnCredits: 20, requireActive: false },
      { minCredits: 0, warnCredits: 6, requireActive: true }
    ]) {
      expect(CreditThresholds.evaluate(balance, thresholds)).toEqual(Rules.evaluate(balance, thresholds))
    }
  })
})
