/**
 * The shared classification of connection failures, on the error shapes the HTTP clients produce (the cases over
 * real TLS servers are in the conformance suite), and the retry notice both SDKs log.
 */
import * as Rules from "@sociavault-credits/rules"
import { describe, expect, it } from "vitest"

/** An Error with a Node-style code. */
const coded = (code: string, message = code, cause?: unknown) =>
  Object.assign(new Error(message, cause === undefined ? undefined : { cause }), { code })

/** fetch (undici): `TypeError: fetch failed`, the socket's error as its cause. */
const viaFetch = (cause: unknown) => new TypeError("fetch failed", { cause })

/** Effect's HttpClientError: one more wrapper, with its own message and no code. */
const viaEffect = (cause: unknown) => Object.assign(new Error("Transport error (GET https://x)"), { cause })

describe("classifyTransportFailure", () => {
  it.for([
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "SELF_SIGNED_CERT_IN_CHAIN",
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "CERT_HAS_EXPIRED",
    "ERR_TLS_CERT_ALTNAME_INVALID",
    "ERR_SSL_WRONG_VERSION_NUMBER",
    "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE",
    "EPROTO"
  ])("%s is Tls, however deeply it is nested", (code) => {
    for (const error of [coded(code), viaFetch(coded(code)), viaEffect(viaFetch(coded(code)))]) {
      expect(Rules.classifyTransportFailure(error, "TransportError")).toEqual({ reason: "Tls", detail: code })
    }
  })

  it.for(["ENOTFOUND", "ERR_INVALID_URL", "ERR_SOCKET_BAD_PORT"])("%s is Address", (code) => {
    expect(Rules.classifyTransportFailure(viaFetch(coded(code)), "TransportError")).toEqual({
      reason: "Address",
      detail: code
    })
  })

  it("fetch's refusal of a blocked port (no code, `bad port`) is Address", () => {
    expect(Rules.classifyTransportFailure(viaFetch(new Error("bad port")), "x")).toEqual({
      reason: "Address",
      detail: "bad port"
    })
  })

  it.for(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EAI_AGAIN", "UND_ERR_SOCKET", "ERR_SSL_TIMEOUT"])(
    "%s is network weather: Connection, described by its code",
    (code) => {
      expect(Rules.classifyTransportFailure(viaFetch(coded(code)), "x")).toEqual({ reason: "Connection", detail: code })
    }
  )

  it("a code is found in an AggregateError's first error (happy eyeballs)", () => {
    const aggregate = new AggregateError([coded("CERT_HAS_EXPIRED")], "")
    expect(Rules.classifyTransportFailure(viaFetch(aggregate), "x").reason).toBe("Tls")
  })

  it("without a code, the deepest message describes it; without anything, the fallback", () => {
    expect(Rules.classifyTransportFailure(viaFetch(new Error("other side closed")), "x")).toEqual({
      reason: "Connection",
      detail: "other side closed"
    })
    expect(Rules.classifyTransportFailure(undefined, "TransportError")).toEqual({
      reason: "Connection",
      detail: "TransportError"
    })
  })

  it("a cause chain that loops ends", () => {
    const a: { cause?: unknown; message: string } = { message: "a" }
    a.cause = a
    expect(Rules.classifyTransportFailure(a, "x")).toEqual({ reason: "Connection", detail: "a" })
  })
})

describe("planRetry and transport reasons", () => {
  const state = (reason: string): Rules.RetryState => ({
    failure: { _tag: "TransportError", reason, detail: "x" },
    retryAfterMillis: undefined,
    attempts: 1,
    maxRetries: 3,
    nowMillis: 0,
    deadlineMillis: 60_000,
    random: 0.5
  })

  it.for(["Tls", "Address"])("a %s failure is never retried", (reason) => {
    expect(Rules.planRetry(state(reason))).toBeUndefined()
  })

  it.for(["Connection", "Timeout"])("a %s failure is retried", (reason) => {
    expect(Rules.planRetry(state(reason))).toBe(Rules.backoffMillis(1, 0.5))
  })
})

describe("retry notices", () => {
  it("say the status, the 429, a timeout or the error code", () => {
    expect(Rules.retryReasonOf({ _tag: "ServerError", status: 503 })).toBe("HTTP 503")
    expect(Rules.retryReasonOf({ _tag: "UnexpectedStatus", status: 408 })).toBe("HTTP 408")
    expect(Rules.retryReasonOf({ _tag: "RateLimited" })).toBe("HTTP 429")
    expect(Rules.retryReasonOf({ _tag: "TransportError", reason: "Timeout", detail: "no response" })).toBe("timeout")
    expect(Rules.retryReasonOf({ _tag: "TransportError", reason: "Connection", detail: "ECONNRESET" })).toBe(
      "ECONNRESET"
    )
  })

  it("bound a long detail and neutralise its controls", () => {
    const reason = Rules.retryReasonOf({
      _tag: "TransportError",
      reason: "Connection",
      detail: `a\nb${"c".repeat(99)}`
    })
    expect(reason.startsWith("a?b")).toBe(true)
    expect(reason.length).toBeLessThanOrEqual(Rules.MAX_RETRY_REASON_LENGTH + 1)
  })

  it("are one line: attempt n of m, why, and the wait", () => {
    const notice = Rules.retryNoticeOf({ _tag: "ServerError", status: 503 }, 1, 3, 499.6)
    expect(notice).toEqual({ attempt: 1, maxAttempts: 4, waitMillis: 500, reason: "HTTP 503" })
    expect(Rules.Messages.retrying(notice)).toBe("attempt 1 of 4 failed (HTTP 503); retrying in 0.5 s")
  })
})

describe("fieldWithSecret", () => {
  const key = "sk_live_abcdefgh"

  it("names the first string field holding the key or a 4+ character prefix or suffix of it", () => {
    expect(Rules.fieldWithSecret({ credits: 1, subscriptionId: `x${key}` }, key)).toBe("subscriptionId")
    expect(Rules.fieldWithSecret({ subscriptionId: "sub_sk_l" }, key)).toBe("subscriptionId")
    expect(Rules.fieldWithSecret({ subscriptionId: "efgh_sub" }, key)).toBe("subscriptionId")
  })

  it("passes a record with no such piece, non-strings, and any record when there is no key", () => {
    expect(Rules.fieldWithSecret({ credits: 1, subscriptionId: "sub_fgh_sk_" }, key)).toBeUndefined()
    expect(Rules.fieldWithSecret({ subscriptionId: null }, key)).toBeUndefined()
    expect(Rules.fieldWithSecret({ subscriptionId: key }, undefined)).toBeUndefined()
  })
})
