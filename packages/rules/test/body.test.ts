import * as Rules from "@sociavault-credits/rules"
import { describe, expect, it } from "vitest"

describe("statedBodySize", () => {
  it("is the Content-Length of a body that is not encoded", () => {
    expect(Rules.statedBodySize({ "content-length": "87" })).toBe(87)
    expect(Rules.statedBodySize({ "content-length": "87", "content-encoding": " Identity " })).toBe(87)
  })

  it("is unknown for an encoded body (it inflates to any size), a chunked one, or a length that is not digits", () => {
    expect(Rules.statedBodySize({ "content-length": "87", "content-encoding": "gzip" })).toBeUndefined()
    expect(Rules.statedBodySize({ "transfer-encoding": "chunked" })).toBeUndefined()
    expect(Rules.statedBodySize({ "content-length": "8e7" })).toBeUndefined()
    expect(Rules.statedBodySize({ "content-length": "-1" })).toBeUndefined()
  })
})

describe("boundedText", () => {
  const bytes = (text: string) => new TextEncoder().encode(text)

  it("decodes UTF-8 within the limit, the limit itself included", () => {
    expect(Rules.boundedText(bytes("crédits"), 8)).toEqual({ _tag: "Text", text: "crédits" })
  })

  it("refuses a body past the limit, and invalid UTF-8 rather than replacing it", () => {
    expect(Rules.boundedText(bytes("crédits"), 7)).toEqual({ _tag: "TooLarge" })
    expect(Rules.boundedText(new Uint8Array([0x7b, 0xff, 0x7d]), 10)).toEqual({ _tag: "NotUtf8" })
  })
})
