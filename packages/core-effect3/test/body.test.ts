/**
 * How much of a body the Effect 3 SDK pulls, on an HttpClient whose bodies count every byte pulled from them: a body
 * whose framing states its size within the limit is read in one go (the fast path), any other is read while it
 * streams and stopped at the limit. A real transport never hands over more than a Content-Length; these bodies do,
 * so that the tests see which path was taken and that neither reads past the limit.
 */
import { HttpClient, type HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { SociaVaultClient } from "@sociavault-credits/core-effect3"
import * as Rules from "@sociavault-credits/rules"
import { Effect, Either, Layer, Redacted } from "effect"
import { assert, describe, expect } from "vitest"
import { it } from "./support/effectTest.js"

const CHUNK = 16 * 1024

/** A body of `total` bytes of `fill` (the first bytes are `head`), sent in CHUNK-sized pieces as they are pulled. */
const countingBody = (total: number, head: Uint8Array = new Uint8Array(), fill = 0x20) => {
  const counter = { pulled: 0 }
  const stream = new ReadableStream<Uint8Array>(
    {
      pull: (controller) => {
        if (counter.pulled >= total) return controller.close()
        const chunk = new Uint8Array(Math.min(CHUNK, total - counter.pulled)).fill(fill)
        if (counter.pulled === 0) chunk.set(head.subarray(0, chunk.length))
        counter.pulled += chunk.length
        controller.enqueue(chunk)
      }
    },
    { highWaterMark: 0 }
  )
  return { stream, counter }
}

/** The client on an HttpClient answering one 200 with `body` and `headers`. */
const clientWith = (body: ReadableStream<Uint8Array> | Uint8Array, headers: Record<string, string>) => {
  const http = HttpClient.make((request: HttpClientRequest.HttpClientRequest) =>
    Effect.succeed(HttpClientResponse.fromWeb(request, new Response(body, { status: 200, headers })))
  )
  return SociaVaultClient.layer({
    apiKey: Redacted.make("sk_test_body_0123456789"),
    baseUrl: "https://api.example.test",
    maxRetries: 0
  }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, http)))
}

/** The error a call fails with; a balance fails the test by assertion. */
const errorOf = (layer: ReturnType<typeof clientWith>) =>
  Effect.map(Effect.either(Effect.provide(SociaVaultClient.getCredits, layer)), (result) =>
    Either.isLeft(result) ? result.left : assert.fail(`expected an error, got a balance of ${result.right.credits}`)
  )

const balance = new TextEncoder().encode('{"credits":7,"subscriptionStatus":"active","subscriptionId":null}')
const tooLarge = { _tag: "InvalidResponse", detail: Rules.Messages.bodyTooLarge(Rules.MAX_BODY_BYTES) }

/** At most the limit and the chunk that went past it. */
const BOUND = Rules.MAX_BODY_BYTES + CHUNK

describe("reading a body (Effect 3)", () => {
  it.effect("a body that states its size within the limit is read whole and decoded", () =>
    Effect.gen(function* () {
      const { stream, counter } = countingBody(balance.length, balance)
      const layer = clientWith(stream, { "content-length": String(balance.length) })
      expect((yield* Effect.provide(SociaVaultClient.getCredits, layer)).credits).toBe(7)
      expect(counter.pulled).toBe(balance.length)
    })
  )

  it.effect("a body longer than the size it states is refused once past the limit", () =>
    Effect.gen(function* () {
      const { stream } = countingBody(Rules.MAX_BODY_BYTES + 1, balance)
      const layer = clientWith(stream, { "content-length": String(balance.length) })
      expect(yield* errorOf(layer)).toMatchObject(tooLarge)
    })
  )

  it.effect.each([
    ["no Content-Length", {}],
    ["a Content-Length over the limit", { "content-length": String(8 * 1024 * 1024) }],
    [
      "a Content-Length and a Content-Encoding (it inflates to any size)",
      { "content-length": "30000", "content-encoding": "gzip" }
    ],
    ["a Content-Length that is not a number", { "content-length": "1e3" }]
  ] as const)("a body with %s is read while it streams, and no further than the limit", ([, headers]) =>
    Effect.gen(function* () {
      const { stream, counter } = countingBody(8 * 1024 * 1024, balance)
      const error = yield* errorOf(clientWith(stream, headers))
      expect(error).toMatchObject(tooLarge)
      expect(counter.pulled).toBeLessThanOrEqual(BOUND)
    })
  )

  it.effect.each([
    ["read whole", true],
    ["read while it streams", false]
  ] as const)("bytes that are not UTF-8 are InvalidResponse, %s", ([, stated]) =>
    Effect.gen(function* () {
      const body = Uint8Array.from([...balance.subarray(0, 20), 0xff, 0xfe, ...balance.subarray(20)])
      const headers: Record<string, string> = stated ? { "content-length": String(body.length) } : {}
      const error = yield* errorOf(clientWith(body, headers))
      expect(error).toMatchObject({ _tag: "InvalidResponse", detail: Rules.Messages.bodyNotUtf8() })
    })
  )
})
