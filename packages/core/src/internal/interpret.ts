/**
 * Turns one HTTP response into a credit balance or the error its status means. The status decides: a body is
 * read only as far as needed and never for longer than a short, fixed time when it is an error's.
 */
import * as Rules from "@sociavault-credits/rules"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import type * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
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

const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1()

/**
 * One line per problem, each naming its field: "credits: Expected an integer". Only the schema's own words and
 * field names: the values the server sent are not quoted.
 */
const describeSchemaError = (error: Schema.SchemaError): string =>
  formatIssues(error.issue)
    .issues.map((issue) => {
      const path = (issue.path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment))
      return path.length === 0 ? issue.message : `${path.join(".")}: ${issue.message}`
    })
    .join("; ")

const decodeBody = (status: number, body: string, secret: string): Effect.Effect<CreditBalance, InvalidResponse> => {
  if (body.trim() === "") return Effect.fail(new InvalidResponse({ status, detail: Rules.Messages.bodyEmpty() }))
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    // Also a body nested too deeply for the parser: either way, not a balance.
    return Effect.fail(
      new InvalidResponse({ status, detail: `not JSON: ${JSON.stringify(Rules.serverText(body, secret))}` })
    )
  }
  return decodeUnknown(json).pipe(
    Effect.mapError(
      (error) => new InvalidResponse({ status, detail: Rules.serverText(describeSchemaError(error), secret) })
    ),
    // A balance that carries the key (an API or a gateway echoing the request) would put it into outputs and logs.
    Effect.flatMap((balance) => {
      const field = Rules.fieldWithSecret(balance, secret)
      return field === undefined
        ? Effect.succeed(balance)
        : Effect.fail(new InvalidResponse({ status, detail: Rules.Messages.secretInField(field) }))
    })
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
    Effect.flatMap((body) => {
      const status = response.status
      if (body._tag === "Text") return decodeBody(status, body.text, secret)
      const detail =
        body._tag === "TooLarge" ? Rules.Messages.bodyTooLarge(Rules.MAX_BODY_BYTES) : Rules.Messages.bodyNotUtf8()
      return Effect.fail(new InvalidResponse({ status, detail }))
    })
  )

/** The Retry-After the response asks for, if any. */
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
  // The server's words and request id come along with every error status: support asks for them.
  const unauthorized = () =>
    Effect.flatMap(detailsOf(response, secret), (details) => Effect.fail(new Unauthorized({ status, ...details })))
  return HttpClientResponse.matchStatus(response, {
    "2xx": () => readBalance(response, attempt, secret),
    401: unauthorized,
    403: unauthorized,
    404: () => Effect.flatMap(detailsOf(response, secret), (details) => Effect.fail(new NotFound(details))),
    429: () =>
      Effect.flatMap(retryAfterOf(response), (wait) => Effect.fail(new RateLimited({ attempts: attempt, ...wait }))),
    "5xx": () =>
      Effect.flatMap(Effect.zip(retryAfterOf(response), detailsOf(response, secret)), ([wait, details]) =>
        Effect.fail(new ServerError({ status, attempts: attempt, ...wait, ...details }))
      ),
    orElse: () =>
      Effect.flatMap(detailsOf(response, secret), (details) =>
        Effect.fail(new UnexpectedStatus({ status, attempts: attempt, ...details }))
      )
  })
}
