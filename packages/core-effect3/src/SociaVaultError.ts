/**
 * Every way a SociaVault call can fail, as tagged errors to handle with `Effect.catchTags`.
 *
 * Messages say what happened and what to do about it. None of them carries the API key: errors hold statuses,
 * counts and short descriptions, never the request that was sent.
 *
 * @since 1.0.0
 */
import * as Duration from "effect/Duration"
import * as Schema from "effect/Schema"

const Attempts = Schema.Int.pipe(Schema.positive())

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`

/**
 * An option given to the client is unusable; raised before any request is made.
 *
 * @since 1.0.0
 * @category errors
 */
export class InvalidOptions extends Schema.TaggedError<InvalidOptions>()("InvalidOptions", {
  option: Schema.String,
  expected: Schema.String,
  received: Schema.optional(Schema.String)
}) {
  override get message(): string {
    const got = this.received === undefined ? "" : `, got ${this.received}`
    return `${this.option} must be ${this.expected}${got}`
  }
}

/**
 * SociaVault refused the API key (HTTP 401 or 403).
 *
 * @since 1.0.0
 * @category errors
 */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()("Unauthorized", {
  status: Schema.Int
}) {
  override get message(): string {
    return `SociaVault rejected the API key (HTTP ${this.status}): check that the key is set, complete and not revoked`
  }
}

/**
 * SociaVault knows the key but not its user (HTTP 404).
 *
 * @since 1.0.0
 * @category errors
 */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", {}) {
  override get message(): string {
    return "SociaVault found no user for this API key (HTTP 404): the account may have been deleted; create a new key"
  }
}

/**
 * SociaVault kept answering with a 5xx status until the retries were spent.
 *
 * @since 1.0.0
 * @category errors
 */
export class ServerError extends Schema.TaggedError<ServerError>()("ServerError", {
  status: Schema.Int,
  attempts: Attempts,
  retryAfter: Schema.optional(Schema.DurationFromSelf)
}) {
  override get message(): string {
    return `SociaVault answered HTTP ${this.status} after ${plural(this.attempts, "attempt")}: the service is failing, try again later`
  }
}

/**
 * SociaVault kept answering 429 Too Many Requests until the retries were spent, or asked to wait longer than
 * the time left for the call.
 *
 * @since 1.0.0
 * @category errors
 */
export class RateLimited extends Schema.TaggedError<RateLimited>()("RateLimited", {
  attempts: Attempts,
  retryAfter: Schema.optional(Schema.DurationFromSelf)
}) {
  override get message(): string {
    const wait = this.retryAfter === undefined ? "" : `; it asked to retry after ${Duration.format(this.retryAfter)}`
    return `SociaVault rate-limited the request (HTTP 429) after ${plural(this.attempts, "attempt")}${wait}`
  }
}

/**
 * The request did not get a response: the connection failed or was reset, or no answer came in time.
 *
 * @since 1.0.0
 * @category errors
 */
export class TransportError extends Schema.TaggedError<TransportError>()("TransportError", {
  reason: Schema.Literal("Connection", "Timeout"),
  detail: Schema.String,
  attempts: Attempts
}) {
  override get message(): string {
    const what = this.reason === "Timeout" ? "did not answer in time" : "could not be reached"
    return `SociaVault ${what} (${this.detail}) after ${plural(this.attempts, "attempt")}: check the network, proxy and base URL`
  }
}

/**
 * A successful (2xx) response whose body is not JSON or not a credit balance.
 *
 * @since 1.0.0
 * @category errors
 */
export class InvalidResponse extends Schema.TaggedError<InvalidResponse>()("InvalidResponse", {
  status: Schema.Int,
  detail: Schema.String
}) {
  override get message(): string {
    return `SociaVault answered HTTP ${this.status} with a body that is not a credit balance: ${this.detail}`
  }
}

/**
 * Any status the API does not document for this call: a redirect that was not followed, 400, 402, 408 once the
 * retries were spent, and the like.
 *
 * @since 1.0.0
 * @category errors
 */
export class UnexpectedStatus extends Schema.TaggedError<UnexpectedStatus>()("UnexpectedStatus", {
  status: Schema.Int,
  redirectHost: Schema.optional(Schema.String)
}) {
  override get message(): string {
    if (this.redirectHost !== undefined) {
      return `SociaVault redirected (HTTP ${this.status}) to another origin, ${this.redirectHost}; it was not followed so the API key stays with the configured base URL`
    }
    return `SociaVault answered with unexpected HTTP ${this.status}`
  }
}

/**
 * The union of every error a SociaVault call can fail with.
 *
 * @since 1.0.0
 * @category errors
 */
export type SociaVaultError =
  | InvalidOptions
  | Unauthorized
  | NotFound
  | ServerError
  | RateLimited
  | TransportError
  | InvalidResponse
  | UnexpectedStatus

/**
 * The schema of {@link SociaVaultError}, for logging or sending errors across a boundary.
 *
 * @since 1.0.0
 * @category schemas
 */
export const SociaVaultError: Schema.Union<
  [
    typeof InvalidOptions,
    typeof Unauthorized,
    typeof NotFound,
    typeof ServerError,
    typeof RateLimited,
    typeof TransportError,
    typeof InvalidResponse,
    typeof UnexpectedStatus
  ]
> = Schema.Union(
  InvalidOptions,
  Unauthorized,
  NotFound,
  ServerError,
  RateLimited,
  TransportError,
  InvalidResponse,
  UnexpectedStatus
)

/**
 * Whether a value is one of the {@link SociaVaultError}s.
 *
 * @since 1.0.0
 * @category refinements
 */
export const isSociaVaultError: (u: unknown) => u is SociaVaultError = Schema.is(SociaVaultError)
