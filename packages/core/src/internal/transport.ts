/**
 * Sending the request: the key only ever goes to the configured origin.
 */
import * as Rules from "@sociavault-credits/rules"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import type * as HttpClient from "effect/http/HttpClient"
import type * as HttpClientError from "effect/http/HttpClientError"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import type * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { type SociaVaultError, TransportError, UnexpectedStatus } from "../SociaVaultError.js"
import type { ResolvedOptions } from "./options.js"
import { USER_AGENT } from "./version.js"

/**
 * Why a request got no response, classified by the shared rules (TLS and address failures are permanent): fetch
 * nests the socket's error ("ECONNRESET", "DEPTH_ZERO_SELF_SIGNED_CERT") in causes, node:http hands it over as
 * it is.
 */
const transportFailureOf = (error: HttpClientError.HttpClientError): Rules.TransportFailure =>
  Rules.classifyTransportFailure("cause" in error.reason ? error.reason.cause : undefined, error.reason._tag)

/**
 * Makes the request of one attempt, following redirects only within the configured origin. Redirects are not
 * left to the HTTP client: fetch would follow one to any host and carry the X-API-Key header along.
 *
 * @internal
 */
export const makeSendRequest = (httpClient: HttpClient.HttpClient, options: ResolvedOptions) => {
  const secret = Redacted.value(options.apiKey)
  // Built once per client: every attempt sends the same request.
  const request = HttpClientRequest.get(options.creditsUrl).pipe(
    HttpClientRequest.acceptJson,
    HttpClientRequest.setHeaders({
      [Rules.API_KEY_HEADER]: Redacted.value(options.apiKey),
      "user-agent": USER_AGENT
    })
  )
  return (attempt: number): Effect.Effect<HttpClientResponse.HttpClientResponse, SociaVaultError> => {
    const send = (url: URL, followed: number): Effect.Effect<HttpClientResponse.HttpClientResponse, SociaVaultError> =>
      httpClient.execute(url === options.creditsUrl ? request : HttpClientRequest.setUrl(request, url.href)).pipe(
        Effect.mapError((error) => {
          const failure = transportFailureOf(error)
          return new TransportError({
            reason: failure.reason,
            detail: Rules.serverText(failure.detail, secret),
            attempts: attempt
          })
        }),
        Effect.flatMap((response) => {
          if (!Rules.isRedirect(response.status)) return Effect.succeed(response)
          const status = response.status
          const decision = Rules.decideRedirect(url, response.headers.location, followed)
          if (decision._tag === "Follow") return send(decision.url, followed + 1)
          return Effect.fail(
            new UnexpectedStatus({
              status,
              attempts: attempt,
              redirect: decision._tag,
              ...(decision._tag === "CrossOrigin" ? { redirectHost: Rules.serverText(decision.host, secret) } : {})
            })
          )
        })
      )
    return withManualRedirects(send(options.creditsUrl, 0))
  }
}

/**
 * FetchHttpClient reads its RequestInit from the context of each call: ask fetch to hand redirects back to us,
 * keeping whatever else the caller configured. Other clients (Node's, Bun's) do not follow redirects anyway.
 */
const withManualRedirects = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Effect.serviceOption(FetchHttpClient.RequestInit), (init) =>
    Effect.provideService(effect, FetchHttpClient.RequestInit, {
      ...Option.getOrElse(init, () => ({})),
      redirect: "manual"
    })
  )
