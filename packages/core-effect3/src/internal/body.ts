/**
 * Reading a response body without trusting its size, its speed or its encoding.
 */
import type { ResponseError } from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Rules from "@sociavault-credits/rules"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"

/** A body read up to a limit (the shared rules' type). */
export type BoundedBody = Rules.BoundedBody

const isEmptyBody = (error: ResponseError) => error.reason === "EmptyBody"

/** Reads the body while it streams, and stops the stream once it has gone past `maxBytes`. */
const readStreaming = (response: HttpClientResponse.HttpClientResponse, maxBytes: number) =>
  Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let size = 0
    // A response without a body (204, or fetch's null body) reads as empty: a bad answer, not a broken transport.
    return Stream.catchAll(response.stream, (error) => (isEmptyBody(error) ? Stream.empty : Stream.fail(error))).pipe(
      Stream.runForEachWhile((chunk) =>
        Effect.sync(() => {
          size += chunk.byteLength
          if (size > maxBytes) return false
          chunks.push(chunk)
          return true
        })
      ),
      Effect.map((): BoundedBody => {
        if (size > maxBytes) return { _tag: "TooLarge" }
        const bytes = new Uint8Array(size)
        let offset = 0
        for (const chunk of chunks) {
          bytes.set(chunk, offset)
          offset += chunk.byteLength
        }
        return Rules.boundedText(bytes, maxBytes)
      })
    )
  })

/**
 * Reads at most `maxBytes` of the (decompressed) body, and no more: a 50 MB body, a gzip bomb or an endless body
 * costs `maxBytes` of memory, never more. Invalid UTF-8 is reported, not replaced.
 *
 * A body whose framing states a size within the limit (a credits body: Content-Length, not encoded) is read in one
 * go: Effect 3's Stream over a fetch body costs more than the rest of a call. Every other body (chunked, encoded,
 * or stated larger than the limit) is read while it streams, and the stream stopped at the limit. Either way, the
 * bytes actually read are counted: a body longer than its Content-Length is refused too.
 *
 * @internal
 */
export const readBounded = (
  response: HttpClientResponse.HttpClientResponse,
  maxBytes: number
): Effect.Effect<BoundedBody, ResponseError> => {
  const stated = Rules.statedBodySize(response.headers)
  if (stated === undefined || stated > maxBytes) return readStreaming(response, maxBytes)
  return Effect.map(response.arrayBuffer, (buffer) => Rules.boundedText(new Uint8Array(buffer), maxBytes))
}

/**
 * What an error response says, for its message: the `message` or `error` of a JSON body, else the text, made safe
 * with the shared rules. Read briefly: a body that stalls or breaks is given up, and the status alone decides.
 *
 * @internal
 */
export const readServerMessage = (
  response: HttpClientResponse.HttpClientResponse,
  secret: string
): Effect.Effect<string | undefined> =>
  readBounded(response, Rules.ERROR_BODY.maxBytes).pipe(
    Effect.map((body) => {
      if (body._tag !== "Text" || body.text.trim() === "") return undefined
      let said: unknown = body.text
      try {
        const json = JSON.parse(body.text) as Record<string, unknown> | null
        said = json?.message ?? json?.error ?? body.text
      } catch {
        // Not JSON: the text itself.
      }
      return Rules.serverText(typeof said === "string" ? said : JSON.stringify(said), secret)
    }),
    Effect.timeoutOption(Rules.ERROR_BODY.maxMillis),
    Effect.map(Option.getOrUndefined),
    Effect.catchAll(() => Effect.succeed(undefined))
  )

/** The request id SociaVault (or a gateway in front of it) sent, made safe. @internal */
export const requestIdOf = (response: HttpClientResponse.HttpClientResponse, secret: string): string | undefined => {
  for (const name of Rules.REQUEST_ID_HEADERS) {
    const value = response.headers[name]
    if (value !== undefined && value !== "") return Rules.serverText(value, secret, 100)
  }
  return undefined
}
