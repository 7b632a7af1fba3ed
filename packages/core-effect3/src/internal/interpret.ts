/**
 * Turns one HTTP response into a credit balance or the error its status means.
 */
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
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
import { parseRetryAfter } from "./retryAfter.js"

const MAX_DETAIL_LENGTH = 200

const truncate = (text: string) => (text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH)}…` : text)

const readBody = (response: HttpClientResponse.HttpClientResponse, attempt: number) =>
  Effect.mapError(
    response.text,
    // The body stream broke after the status line arrived: a transport failure, worth a retry.
    (error) =>
      new TransportError({ reason: "Connection", detail: `body read failed: ${error.message}`, attempts: attempt })
  )

const decodeBody = (status: number, body: string): Effect.Effect<CreditBalance, InvalidResponse> => {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return Effect.fail(new InvalidResponse({ status, detail: `not JSON: ${JSON.stringify(truncate(body))}` }))
  }
  return Effect.mapError(
    decodeUnknown(json),
    (error) => new InvalidResponse({ status, detail: truncate(describeParseError(error)) })
  )
}

/** One line per problem, each naming its field: "credits: Expected an integer, actual 1.5". */
const describeParseError = (error: ParseResult.ParseError) =>
  ParseResult.ArrayFormatter.formatErrorSync(error)
    .map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join(".")}: ${issue.message}`))
    .join("; ")

const retryAfter = (response: HttpClientResponse.HttpClientResponse) =>
  Effect.map(Clock.currentTimeMillis, (now) =>
    Option.getOrUndefined(parseRetryAfter(response.headers["retry-after"], now))
  )

/**
 * Reads a response received on attempt number `attempt` (from 1).
 *
 * @internal
 */
export const interpretResponse = (
  response: HttpClientResponse.HttpClientResponse,
  attempt: number
): Effect.Effect<CreditBalance, SociaVaultError> => {
  const status = response.status
  if (status >= 200 && status < 300) {
    return Effect.flatMap(readBody(response, attempt), (body) => decodeBody(status, body))
  }
  // Drain the (small) error body so that a keep-alive connection can be reused; its content is not needed.
  const drained = Effect.ignore(response.text)
  switch (status) {
    case 401:
    case 403:
      return Effect.zipRight(drained, Effect.fail(new Unauthorized({ status })))
    case 404:
      return Effect.zipRight(drained, Effect.fail(new NotFound()))
    case 429:
      return Effect.flatMap(Effect.zipRight(drained, retryAfter(response)), (wait) =>
        Effect.fail(
          new RateLimited(wait === undefined ? { attempts: attempt } : { attempts: attempt, retryAfter: wait })
        )
      )
  }
  if (status >= 500 && status < 600) {
    return Effect.flatMap(Effect.zipRight(drained, retryAfter(response)), (wait) =>
      Effect.fail(
        new ServerError(
          wait === undefined ? { status, attempts: attempt } : { status, attempts: attempt, retryAfter: wait }
        )
      )
    )
  }
  return Effect.zipRight(drained, Effect.fail(new UnexpectedStatus({ status })))
}
