/**
 * An in-memory HttpClient for unit tests: each request is answered by a script of responses, and recorded.
 */
import { HttpClient, type HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { RequestError } from "@effect/platform/HttpClientError"
import { SociaVaultClient } from "@sociavault-credits/core-effect3"
import { Effect, Layer, Redacted } from "effect"

export const API_KEY = "sk_test_unit_0123456789"

/** What the fake answers one request with. */
export type Reply =
  | { readonly status: number; readonly body?: string; readonly headers?: Record<string, string> }
  | { readonly fail: "transport" }
  | { readonly hang: true }

export const okBody = JSON.stringify({ credits: 950, subscriptionStatus: "active", subscriptionId: "sub_1" })

export interface Recorded {
  readonly url: string
  readonly headers: Record<string, string>
}

/** A fake HttpClient answering with `replies` in turn (the last one repeats), recording every request. */
export const fakeHttpClient = (replies: ReadonlyArray<Reply>) => {
  const requests: Array<Recorded> = []
  const client = HttpClient.make((request: HttpClientRequest.HttpClientRequest, url) => {
    requests.push({ url: url.href, headers: { ...request.headers } })
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)]!
    if ("fail" in reply) {
      return Effect.fail(new RequestError({ request, reason: "Transport", cause: new Error("socket hang up") }))
    }
    if ("hang" in reply) return Effect.never
    const response = new Response(reply.body ?? null, { status: reply.status, headers: reply.headers ?? {} })
    return Effect.succeed(HttpClientResponse.fromWeb(request, response))
  })
  return { requests, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

/** The SociaVault client on a fake HttpClient, with options over the test defaults. */
export const clientOn = (replies: ReadonlyArray<Reply>, options: Partial<SociaVaultClient.Options> = {}) => {
  const fake = fakeHttpClient(replies)
  const layer = SociaVaultClient.layer({
    apiKey: Redacted.make(API_KEY),
    baseUrl: "https://api.example.test",
    ...options
  }).pipe(Layer.provide(fake.layer))
  return { requests: fake.requests, layer }
}
