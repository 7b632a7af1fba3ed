/**
 * Making text that came from the network safe to print: the key scrubbed out of it, controls neutralised, the
 * length bounded. Every SDK applies these to server text before it goes into an error, and the action and the CLI
 * to every API string they print.
 *
 * @since 1.0.0
 */
import { MAX_DETAIL_LENGTH } from "./limits.js"

/** What stands where a secret (or a piece of one) was. @since 1.0.0 */
export const REDACTED = "[redacted]"

/** The shortest prefix or suffix of a secret that is scrubbed: below this, pieces are too common to matter. @since 1.0.0 */
export const MIN_SECRET_PIECE = 4

/**
 * Removes a secret from text: the whole of it, and any prefix or suffix of it of {@link MIN_SECRET_PIECE} or more
 * characters, so that truncation elsewhere cannot leave a piece that an exact-match log mask would miss.
 *
 * @since 1.0.0
 */
export const scrubSecret = (text: string, secret: string | undefined): string => {
  // Most text holds no piece of the key: two look-ups, not two per piece length.
  if (secret === undefined || !containsSecret(text, secret)) return text
  let result = text
  for (let length = secret.length; length >= MIN_SECRET_PIECE; length--) {
    const prefix = secret.slice(0, length)
    const suffix = secret.slice(secret.length - length)
    if (result.includes(prefix)) result = result.split(prefix).join(REDACTED)
    if (result.includes(suffix)) result = result.split(suffix).join(REDACTED)
  }
  return result
}

/**
 * Whether text holds a secret, or a prefix or suffix of it of {@link MIN_SECRET_PIECE} or more characters: what
 * {@link scrubSecret} would remove.
 *
 * @since 1.1.0
 */
export const containsSecret = (text: string, secret: string | undefined): boolean => {
  if (secret === undefined || secret.length < MIN_SECRET_PIECE || text.length < MIN_SECRET_PIECE) return false
  // Every prefix of MIN_SECRET_PIECE or more characters starts with the shortest one, and every such suffix ends
  // with the shortest suffix: two look-ups tell what scrubbing every piece would find.
  return text.includes(secret.slice(0, MIN_SECRET_PIECE)) || text.includes(secret.slice(-MIN_SECRET_PIECE))
}

/**
 * The name of the first string field of a record that holds the secret or a piece of it ({@link containsSecret}),
 * if any: a balance that carries the key (an API or a gateway echoing the request) is refused, so the key can not
 * reach an output, a log or a job summary through it.
 *
 * @since 1.1.0
 */
export const fieldWithSecret = (record: object, secret: string | undefined): string | undefined => {
  for (const [field, value] of Object.entries(record)) {
    if (typeof value === "string" && containsSecret(value, secret)) return field
  }
  return undefined
}

// C0 and C1 controls, DEL, and the invisible format characters that reorder or hide text: bidi embeddings,
// overrides and isolates, marks, zero-width characters, and the BOM.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g

/**
 * Replaces every control and invisible format character with `?`, so that text from the API cannot move a
 * terminal's cursor, recolour it, reorder what a reader sees, or start a new line (or Markdown block) in a log or a
 * job summary.
 *
 * @since 1.0.0
 */
export const neutralize = (text: string): string => text.replace(UNSAFE, "?")

/**
 * JSON text with the same characters written as `\uXXXX` escapes: JSON.stringify leaves DEL, the C1 controls
 * (CSI among them) and the bidi and zero-width characters as they are. They only occur inside strings, where the
 * escape says the same to a JSON reader and nothing to a terminal.
 *
 * @since 1.0.0
 */
export const escapeUnsafeInJson = (json: string): string =>
  json.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)

/**
 * Cuts text to `max` characters (an ellipsis marks the cut), never inside a surrogate pair.
 *
 * @since 1.0.0
 */
export const truncate = (text: string, max: number = MAX_DETAIL_LENGTH): string => {
  if (text.length <= max) return text
  const end = /[\ud800-\udbff]/.test(text[max - 1] ?? "") ? max - 1 : max
  return `${text.slice(0, end)}…`
}

/**
 * Server text made fit for an error message, in the only safe order: scrub the secret first (before a cut can
 * split it), neutralise controls, then bound the length.
 *
 * @since 1.0.0
 */
export const serverText = (text: string, secret: string | undefined, max: number = MAX_DETAIL_LENGTH): string =>
  truncate(neutralize(scrubSecret(text, secret)), max)

/**
 * Strips credentials (`user:password@`) from anything that looks like a URL, for messages about text that did not
 * even parse as one.
 *
 * @since 1.0.0
 */
export const withoutCredentials = (text: string): string => text.replace(/\/\/[^/?#]*@/g, "//")
