import { SociaVaultClient } from "@sociavault-credits/core-effect3"
import { Effect, Exit } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { clientOn } from "./fakeHttpClient.js"

/** Any body a 200 might carry: arbitrary JSON, near-misses of the real shape, and text that is not JSON. */
const bodies = fc.oneof(
  fc.json(),
  fc
    .record(
      {
        credits: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
        subscriptionStatus: fc.oneof(fc.constantFrom("active", "inactive", "cancelled", "past_due"), fc.string()),
        subscriptionId: fc.oneof(fc.string(), fc.constant(null), fc.integer())
      },
      { requiredKeys: [] }
    )
    .map((value) => JSON.stringify(value)),
  fc.string()
)

describe("decoding any body (property)", () => {
  it("either decodes to a balance or fails with InvalidResponse; nothing throws or dies", async () => {
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const { layer } = clientOn([{ status: 200, body }], { maxRetries: 0 })
        const exit = await Effect.runPromiseExit(Effect.provide(SociaVaultClient.getCredits, layer))
        if (Exit.isSuccess(exit)) {
          expect(Number.isInteger(exit.value.credits)).toBe(true)
        } else {
          expect(exit.cause._tag).toBe("Fail")
          expect(exit.cause._tag === "Fail" && exit.cause.error._tag).toBe("InvalidResponse")
        }
      }),
      { numRuns: 300 }
    )
  })
})
