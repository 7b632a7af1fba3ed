/**
 * HTTP for the action's tests from source: a fake HttpClient answering from a script of responses, one per request
 * (the last repeats), recording every URL asked for.
 */
import { Effect, Layer } from "effect"
import { HttpClient, type HttpClientRequest, HttpClientResponse } from "effect/http"

export interface Scripted {
  readonly status: number
  readonly body?: unknown
  readonly headers?: Record<string, string>
}

export const fakeHttp = (...script: ReadonlyArray<Scripted>) => {
  const requests: Array<string> = []
  const client = HttpClient.make((request: HttpClientRequest.HttpClientRequest, url) => {
    const answer = script[Math.min(requests.length, script.length - 1)]!
    requests.push(url.href)
    const body = answer.status === 204 ? null : JSON.stringify(answer.body ?? {})
    return Effect.succeed(
      HttpClientResponse.fromWeb(request, new Response(body, { status: answer.status, headers: answer.headers ?? {} }))
    )
  })
  return { requests, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

export const BALANCE = { credits: 950, subscriptionStatus: "active", subscriptionId: "sub_1" } as const

export const KEY = "sk_live_action_0123456789"
