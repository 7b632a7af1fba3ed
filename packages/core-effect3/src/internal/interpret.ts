/**
 * Turns one HTTP response into a credit balance or the error its status means. The status decides: a body is
 * read only as far as needed, and never for longer than a short, fixed time when it is an error's.
 */
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Rules from "@sociavault-credits/rules"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import { type CreditBalance, decodeUnknown } from "../CreditBalance.js"
import {
  InvalidResponse,
  NotFound,
  RateLimited,
  ServerError,
  type SociaVaultError,
  TransportError,
  Unauthorized,
  UnexpectedStatus
} from "../SociaVaultError.js"
import { readBounded, readServerMessage, requestIdOf } from "./body.js"

/** One line per problem, each naming its field: "credits: Expected an integer, actual 1.5". */
const describeParseError = (error: ParseResult.ParseError) =>
  ParseResult.ArrayFormatter.formatErrorSync(error)
    .map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join(".")}: ${issue.message}`))
    .join("; ")

const decodeBody = (status: number, body: string, secret: string): Effect.Effect<CreditBalance, InvalidResponse> => {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    // Also a body nested too deeply for the parser: either way, not a balance.
    return Effect.fail(
      new InvalidResponse({ status, detail: `not JSON: ${JSON.stringify(Rules.serverText(body, secret))}` })
    )
  }
  return Effect.mapError(
    decodeUnknown(json),
    (error) => new InvalidResponse({ status, detail: Rules.serverText(describeParseError(error), secret) })
  )
}

const readBalance = (response: HttpClientResponse.HttpClientResponse, attempt: number, secret: string) =>
  readBounded(response, Rules.MAX_BODY_BYTES).pipe(
    Effect.mapError(
      // The body stream broke after the status line arrived: a transport failure, worth a retry.
      (error) =>
        new TransportError({
          reason: "Connection",
          detail: `body read failed: ${Rules.serverText(error.message, secret)}`,
          attempts: attempt
        })
    ),
    Effect.flatMap((body): Effect.Effect<CreditBalance, InvalidResponse> => {
      const status = response.status
      if (body._tag === "TooLarge") {
        return Effect.fail(new InvalidResponse({ status, detail: Rules.Messages.bodyTooLarge(Rules.MAX_BODY_BYTES) }))
      }
      if (body._tag === "NotUtf8")
        return Effect.fail(new InvalidResponse({ status, detail: Rules.Messages.bodyNotUtf8() }))
      return decodeBody(status, body.text, secret)
    })
  )

/** The delay the response's Retry-After asks for, if any. */
const retryAfterOf = (response: HttpClientResponse.HttpClientResponse) =>
  Effect.map(Clock.currentTimeMillis, (now) => {
    const millis = Rules.parseRetryAfterMillis(response.headers["retry-after"], now)
    return millis === undefined ? {} : { retryAfter: Duration.millis(millis) }
  })

/** The server's own words and request id, for the errors that carry them. */
const detailsOf = (response: HttpClientResponse.HttpClientResponse, secret: string) =>
  Effect.map(readServerMessage(response, secret), (serverMessage) => {
    const requestId = requestIdOf(response, secret)
    return {
      ...(serverMessage === undefined ? {} : { serverMessage }),
      ...(requestId === undefined ? {} : { requestId })
    }
  })

/**
 * Reads a response received on attempt number `attempt` (from 1). `secret` is scrubbed from anything the server
 * sent before it goes into an error.
 *
 * @internal
 */
export const interpretResponse = (
  response: HttpClientResponse.HttpClientResponse,
  attempt: number,
  secret: string
): Effect.Effect<CreditBalance, SociaVaultError> => {
  const status = response.status
  if (status >= 200 && status < 300) return readBalance(response, attempt, secret)
  switch (status) {
    case 401:
    case 403:
      return Effect.fail(new Unauthorized({ status }))
    case 404:
      return Effect.fail(new NotFound())
    case 429:
      return Effect.flatMap(retryAfterOf(response), (wait) =>
        Effect.fail(new RateLimited({ attempts: attempt, ...wait }))
      )
  }
  if (status >= 500 && status < 600) {
    return Effect.flatMap(Effect.zip(retryAfterOf(response), detailsOf(response, secret)), ([wait, details]) =>
      Effect.fail(new ServerError({ status, attempts: attempt, ...wait, ...details }))
    )
  }
  return Effect.flatMap(detailsOf(response, secret), (details) =>
    Effect.fail(new UnexpectedStatus({ status, attempts: attempt, ...details }))
  )
}
