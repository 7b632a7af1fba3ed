/**
 * Decoding as a property, with an oracle: every body the contract allows decodes to exactly its values, and any
 * other JSON fails with the typed InvalidResponse, never a defect.
 */
import { describe, expect, it } from "@effect/vitest"
import { SociaVaultClient } from "@sociavault-credits/core"
import { Effect, Exit } from "effect"
import fc from "fast-check"
import { clientOn } from "./fakeHttpClient.js"

const STATUSES = ["active", "inactive", "cancelled", "past_due"] as const

const validBody = fc.record(
  {
    credits: fc.integer({ min: -1_000_000, max: Number.MAX_SAFE_INTEGER }),
    subscriptionStatus: fc.constantFrom(...STATUSES),
    subscriptionId: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
    extra: fc.jsonValue()
  },
  { requiredKeys: ["credits", "subscriptionStatus"] }
)

const getCreditsWithBody = (body: string) =>
  Effect.runPromiseExit(Effect.provide(SociaVaultClient.getCredits, clientOn([{ status: 200, body }]).layer))

describe("decoding (property)", () => {
  it("every body the contract allows decodes to its own values", async () => {
    await fc.assert(
      fc.asyncProperty(validBody, async (body) => {
        const exit = await getCreditsWithBody(JSON.stringify(body))
        expect(Exit.isSuccess(exit)).toBe(true)
        if (Exit.isSuccess(exit)) {
          expect(exit.value.credits).toBe(body.credits)
          expect(exit.value.subscriptionStatus).toBe(body.subscriptionStatus)
          expect(exit.value.subscriptionId).toBe(body.subscriptionId ?? null)
        }
      }),
      { numRuns: 200 }
    )
  })

  it("any other JSON fails as InvalidResponse, never as a defect", async () => {
    const notABalance = fc.jsonValue().filter((value) => {
      const v = value as Record<string, unknown> | null
      return !(
        typeof v === "object" &&
        v !== null &&
        Number.isInteger(v.credits) &&
        STATUSES.includes(v.subscriptionStatus as never) &&
        (v.subscriptionId === undefined || v.subscriptionId === null || typeof v.subscriptionId === "string")
      )
    })
    await fc.assert(
      fc.asyncProperty(notABalance, async (value) => {
        const exit = await getCreditsWithBody(JSON.stringify(value))
        expect(Exit.isFailure(exit)).toBe(true)
        if (Exit.isFailure(exit)) {
          expect(exit.cause.reasons.map((reason) => reason._tag)).toEqual(["Fail"])
          expect(exit.cause.reasons[0]).toMatchObject({ error: { _tag: "InvalidResponse" } })
        }
      }),
      { numRuns: 200 }
    )
  })
})
