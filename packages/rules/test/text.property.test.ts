/**
 * containsSecret answers with two look-ups what scrubbing every piece of the key would find: a property over
 * random keys and texts from a small alphabet, where pieces of the key turn up often.
 */
import * as Rules from "@sociavault-credits/rules"
import fc from "fast-check"
import { describe, expect, it } from "vitest"

const text = (maxLength: number) => fc.string({ unit: fc.constantFrom("a", "b", "c", "A", "1", "_", "-"), maxLength })

describe("containsSecret", () => {
  it("is true exactly when scrubSecret changes the text", () => {
    fc.assert(
      fc.property(text(14), text(40), (secret, said) => {
        expect(Rules.containsSecret(said, secret)).toBe(Rules.scrubSecret(said, secret) !== said)
      }),
      { numRuns: 5_000 }
    )
  })

  it("finds a piece anywhere in the text, and nothing shorter than a piece", () => {
    const key = "sk_live_0123456789"
    expect(Rules.containsSecret(`id ${key.slice(0, 4)} x`, key)).toBe(true)
    expect(Rules.containsSecret(`id ${key.slice(-4)}`, key)).toBe(true)
    expect(Rules.containsSecret(`id ${key.slice(3, 10)}`, key)).toBe(false)
    expect(Rules.containsSecret(key.slice(0, 3), key)).toBe(false)
  })
})
