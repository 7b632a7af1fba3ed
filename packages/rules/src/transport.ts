/**
 * What a failed connection means: network weather worth another attempt, or a failure that will be the same on
 * every attempt (a certificate, a server that does not speak TLS there, an address that can not be used). Read
 * from Node's error codes along the `cause` chain, however deep the HTTP client nests them: fetch (undici) wraps
 * the socket's error in `TypeError: fetch failed`, node:http hands it over as it is, and Effect's HttpClientError
 * wraps either once more.
 *
 * @since 1.1.0
 */

/**
 * Why a request got no response. `Connection` and `Timeout` are network weather and retried; `Tls` and `Address`
 * are permanent and fail at once.
 *
 * - `Tls`: the TLS handshake failed: the certificate is not trusted (self-signed, an unknown CA, e.g. a corporate
 *   one or a TLS-inspecting proxy's), has expired, or does not name the host; or the server does not speak TLS on
 *   that port (https to a plain-http port).
 * - `Address`: the base URL can not be used: its host name does not exist (`ENOTFOUND`), or the HTTP client refuses
 *   the URL or its port (fetch refuses ports like 1 or 6000 that the Fetch standard blocks).
 *
 * @since 1.1.0
 */
export type TransportReason = "Connection" | "Timeout" | "Tls" | "Address"

/** Every {@link TransportReason}, for schemas. @since 1.1.0 */
export const TRANSPORT_REASONS = [
  "Connection",
  "Timeout",
  "Tls",
  "Address"
] as const satisfies ReadonlyArray<TransportReason>

/** The reasons that will be the same on every attempt: never retried. @since 1.1.0 */
export const PERMANENT_TRANSPORT_REASONS: ReadonlySet<string> = new Set<TransportReason>(["Tls", "Address"])

/**
 * Certificate verification failures, as Node names OpenSSL's verify results (`error.code`), and the TLS errors
 * Node raises itself. Each means the same certificate will be refused again.
 *
 * @since 1.1.0
 */
export const TLS_CERTIFICATE_CODES: ReadonlySet<string> = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_DECRYPT_CERT_SIGNATURE",
  "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY",
  "CERT_SIGNATURE_FAILURE",
  "CERT_NOT_YET_VALID",
  "CERT_HAS_EXPIRED",
  "ERROR_IN_CERT_NOT_BEFORE_FIELD",
  "ERROR_IN_CERT_NOT_AFTER_FIELD",
  "CERT_CHAIN_TOO_LONG",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "INVALID_CA",
  "INVALID_PURPOSE",
  "PATH_LENGTH_EXCEEDED",
  "HOSTNAME_MISMATCH",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_TLS_CERT_ALTNAME_FORMAT"
])

/**
 * The codes of a server that does not speak TLS where https was asked for: OpenSSL reads a plain-http answer as a
 * record of the wrong version (fetch says `ERR_SSL_WRONG_VERSION_NUMBER`, node:http `EPROTO`).
 *
 * @since 1.1.0
 */
export const TLS_PROTOCOL_CODES: ReadonlySet<string> = new Set([
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "ERR_SSL_PACKET_LENGTH_TOO_LONG",
  "ERR_SSL_HTTP_REQUEST",
  "EPROTO"
])

/**
 * Codes of an address that can not be used, whatever the network does. `ENOTFOUND` is here: it is the resolver's
 * definite answer that the name does not exist (a typo in the base URL), while a resolver that could not answer
 * says `EAI_AGAIN`, which stays retried like any network weather.
 *
 * @since 1.1.0
 */
export const ADDRESS_CODES: ReadonlySet<string> = new Set([
  "ENOTFOUND",
  "ERR_INVALID_URL",
  "ERR_SOCKET_BAD_PORT",
  "ERR_INVALID_PROTOCOL",
  "ERR_UNESCAPED_CHARACTERS"
])

/** What fetch (undici) says, without a code, when it refuses a port the Fetch standard blocks. @since 1.1.0 */
export const ADDRESS_MESSAGES: ReadonlyArray<string> = ["bad port"]

/** Whether a transport failure will be the same on every attempt. @since 1.1.0 */
export const isPermanentTransportReason = (reason: string | undefined): boolean =>
  reason !== undefined && PERMANENT_TRANSPORT_REASONS.has(reason)

const tlsCode = (code: string): boolean =>
  TLS_CERTIFICATE_CODES.has(code) ||
  TLS_PROTOCOL_CODES.has(code) ||
  // OpenSSL's own errors (ERR_SSL_*) are handshake failures; a handshake that timed out is network weather.
  (code.startsWith("ERR_SSL_") && code !== "ERR_SSL_TIMEOUT")

/**
 * Whether a TLS failure's code says the server does not speak TLS there (rather than a certificate problem).
 *
 * @since 1.1.0
 */
export const isTlsProtocolMismatch = (code: string): boolean => TLS_PROTOCOL_CODES.has(code)

/**
 * A connection failure, classified: its reason and a short detail (an error code, or the deepest message when
 * there is no code). The detail is not yet scrubbed of the key: the caller does that.
 *
 * @since 1.1.0
 */
export interface TransportFailure {
  readonly reason: "Connection" | "Tls" | "Address"
  readonly detail: string
}

/** How deep a cause chain is followed: fetch nests two or three levels, Effect one more. */
const MAX_CAUSE_DEPTH = 8

/**
 * Classifies the error an HTTP client failed with: the first TLS or address code met along the `cause` chain (an
 * AggregateError's first error included) decides; otherwise a `Connection` failure, described by the deepest code
 * or message. `fallback` describes an error that carries nothing better.
 *
 * @since 1.1.0
 */
export const classifyTransportFailure = (error: unknown, fallback: string): TransportFailure => {
  let detail = fallback
  let current: unknown = error
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && typeof current === "object" && current !== null; depth++) {
    const { code, message, cause, errors } = current as {
      readonly code?: unknown
      readonly message?: unknown
      readonly cause?: unknown
      readonly errors?: unknown
    }
    if (typeof code === "string") {
      if (tlsCode(code)) return { reason: "Tls", detail: code }
      if (ADDRESS_CODES.has(code)) return { reason: "Address", detail: code }
      detail = code
    } else if (typeof message === "string" && message !== "") {
      if (ADDRESS_MESSAGES.includes(message)) return { reason: "Address", detail: message }
      detail = message
    }
    current = cause ?? (Array.isArray(errors) ? errors[0] : undefined)
  }
  return { reason: "Connection", detail }
}
