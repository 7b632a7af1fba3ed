/**
 * Turns one HTTP response into a credit balance or the error its status means.
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

const truncate = (text: string) =>
  text.length > Rules.MAX_DETAIL_LENGTH ? `${text.slice(0, Rules.MAX_DETAIL_LENGTH)}…` : text

const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1()

/** One line per problem, each naming its field: "credits: Expected an integer, got 1.5". */
const describeSchemaError = (error: Schema.SchemaError): string =>
  formatIssues(error.issue)
    .issues.map((issue) => {
      const path = (issue.path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment))
      return path.length === 0 ? issue.message : `${path.join(".")}: ${issue.message}`
    })
    .join("; ")

const decodeBody = (status: number, body: string): Effect.Effect<CreditBalance, InvalidResponse> => {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return Effect.fail(new InvalidResponse({ status, detail: `not JSON: ${JSON.stringify(truncate(body))}` }))
  }
  return Effect.mapError(
    decodeUnknown(json),
    (error) => new InvalidResponse({ status, detail: truncate(describeSchemaError(error)) })
  )
}

const readBody = (response: HttpClientResponse.HttpClientResponse, attempt: number) =>
  Effect.mapError(
    response.text,
    // The body stream broke after the status line arrived: a transport failure, worth a retry.
    (error) =>
      new TransportError({ reason: "Connection", detail: `body read failed: ${error.message}`, attempts: attempt })
  )

/** The Retry-After the response asks for, if any. */
const retryAfterOf = (response: HttpClientResponse.HttpClientResponse) =>
  Effect.map(Clock.currentTimeMillis, (now) => {
    const millis = Rules.parseRetryAfterMillis(response.headers["retry-after"], now)
    return millis === undefined ? {} : { retryAfter: Duration.millis(millis) }
  })

/**
 * Reads a response received on attempt number `attempt` (from 1).
 *
 * @internal
 */
export const interpretResponse = (
  response: HttpClientResponse.HttpClientResponse,
  attempt: number
): Effect.Effect<CreditBalance, SociaVaultError> => {
  // The error body's content is not needed; draining it lets a keep-alive connection be reused.
  const failAfterDrain = (error: Effect.Effect<SociaVaultError>) =>
    Effect.andThen(Effect.ignore(response.text), Effect.flatMap(error, Effect.fail))
  const unauthorized = () => failAfterDrain(Effect.succeed(new Unauthorized({ status: response.status })))
  return HttpClientResponse.matchStatus(response, {
    "2xx": () => Effect.flatMap(readBody(response, attempt), (body) => decodeBody(response.status, body)),
    401: unauthorized,
    403: unauthorized,
    404: () => failAfterDrain(Effect.succeed(new NotFound())),
    429: () =>
      failAfterDrain(Effect.map(retryAfterOf(response), (wait) => new RateLimited({ attempts: attempt, ...wait }))),
    "5xx": () =>
      failAfterDrain(
        Effect.map(
          retryAfterOf(response),
          (wait) => new ServerError({ status: response.status, attempts: attempt, ...wait })
        )
      ),
    orElse: () => failAfterDrain(Effect.succeed(new UnexpectedStatus({ status: response.status })))
  })
}
