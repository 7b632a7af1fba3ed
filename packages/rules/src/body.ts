/**
 * What a response's framing says about its body, and how its bytes become text: shared by both SDKs' bounded reads.
 *
 * @since 1.1.0
 */

/**
 * The size a response's framing states for its body, when that is all it can be: a Content-Length without a
 * Content-Encoding (an encoded body inflates to any size). HTTP/1.1 clients read no more than that. `headers` are
 * the response's, by lower-case name.
 *
 * @since 1.1.0
 */
export const statedBodySize = (headers: Readonly<Record<string, string | undefined>>): number | undefined => {
  const encoding = headers["content-encoding"]
  if (encoding !== undefined && encoding.trim().toLowerCase() !== "identity") return undefined
  const length = headers["content-length"]
  return length !== undefined && /^\d{1,15}$/.test(length) ? Number(length) : undefined
}

/** A body read up to a limit: its text, or the news that it went past the limit or is not UTF-8. @since 1.1.0 */
export type BoundedBody =
  | { readonly _tag: "Text"; readonly text: string }
  | { readonly _tag: "TooLarge" }
  | { readonly _tag: "NotUtf8" }

// Fatal: invalid UTF-8 is an error, never replaced. One decoder serves every call (decode() without `stream`
// starts afresh each time).
const utf8 = new TextDecoder("utf-8", { fatal: true })

/**
 * The body's bytes as text, or TooLarge past `maxBytes`, or NotUtf8: invalid UTF-8 is reported, never replaced.
 *
 * @since 1.1.0
 */
export const boundedText = (bytes: Uint8Array, maxBytes: number): BoundedBody => {
  if (bytes.byteLength > maxBytes) return { _tag: "TooLarge" }
  try {
    return { _tag: "Text", text: utf8.decode(bytes) }
  } catch {
    return { _tag: "NotUtf8" }
  }
}
