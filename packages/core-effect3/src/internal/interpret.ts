/**
 * Turns one HTTP response into a credit balance or the error its status means. The status decides: a body is
 * read only as far as needed, and never for longer than a short, fixed time when it is an error's.
 */
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Rules from "@sociavault-credits/rules"
import type * as Arr from "effect/Array"
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

/** What a formatter shows of an array or object the server sent: its kind, never its contents. */
class Kind {
  constructor(private readonly kind: string) {}
  toString(): string {
    return this.kind
  }
}

const ARRAY = new Kind("an array")
const OBJECT = new Kind("an object")

/** A value as an error shows it: text and numbers as they are (bounded later), arrays and objects by their kind. */
const shown = (actual: unknown): unknown =>
  Array.isArray(actual) ? ARRAY : typeof actual === "object" && actual !== null ? OBJECT : actual

/**
 * The same issues, with the arrays and objects the server sent replaced by their kind. Effect 3's formatter quotes
 * every value it did not expect, walking it whole: 60 KB of nested arrays overflow its stack (a defect, not an
 * error), and a large object costs seconds. The issue tree is as deep as the schema, whatever the body.
 */
const withoutContents = (issue: ParseResult.ParseIssue): ParseResult.ParseIssue => {
  switch (issue._tag) {
    case "Type":
      return new ParseResult.Type(issue.ast, shown(issue.actual), issue.message)
    case "Pointer":
      return new ParseResult.Pointer(issue.path, shown(issue.actual), withoutContents(issue.issue))
    case "Refinement":
      return new ParseResult.Refinement(issue.ast, shown(issue.actual), issue.kind, withoutContents(issue.issue))
    case "Transformation":
      return new ParseResult.Transformation(issue.ast, shown(issue.actual), issue.kind, withoutContents(issue.issue))
    case "Composite": {
      const issues = Array.isArray(issue.issues)
        ? (issue.issues.map(withoutContents) as unknown as Arr.NonEmptyReadonlyArray<ParseResult.ParseIssue>)
        : withoutContents(issue.issues as ParseResult.ParseIssue)
      return new ParseResult.Composite(issue.ast, shown(issue.actual), issues, issue.output)
    }
    default:
      return issue
  }
}

/** One line per problem, each naming its field: "credits: Expected an integer, actual 1.5". */
const describeParseError = (error: ParseResult.ParseError) =>
  ParseResult.ArrayFormatter.formatIssueSync(withoutContents(error.issue))
    .map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join(".")}: ${issue.message}`))
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
      (error) => new InvalidResponse({ status, detail: Rules.serverText(describeParseError(error), secret) })
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
    // The server's words and request id come along with every error status: support asks for them.
    case 401:
    case 403:
      return Effect.flatMap(detailsOf(response, secret), (details) =>
        Effect.fail(new Unauthorized({ status, ...details }))
      )
    case 404:
      return Effect.flatMap(detailsOf(response, secret), (details) => Effect.fail(new NotFound(details)))
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
