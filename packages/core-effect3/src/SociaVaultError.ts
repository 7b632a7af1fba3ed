/**
 * Every way a SociaVault call can fail, as tagged errors to handle with `Effect.catchTags`.
 *
 * Messages (written once, in @sociavault-credits/rules) say what happened and what to do about it. None of them
 * carries the API key: errors hold statuses, counts and short descriptions, never the request that was sent.
 *
 * @since 1.0.0
 */
import { Messages, TRANSPORT_REASONS } from "@sociavault-credits/rules"
import * as Duration from "effect/Duration"
import * as Schema from "effect/Schema"

const Attempts = Schema.Int.pipe(Schema.positive())

const millisOf = (duration: Duration.Duration | undefined) =>
  duration === undefined ? undefined : Duration.toMillis(duration)

/**
 * An option given to the client (or the guard) is unusable; raised when its layer is built, before any request.
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
    return Messages.invalid(this.option, this.expected, this.received)
  }
}

/** What the server said with an error status (scrubbed of the key, controls neutralised, bounded) and its request id. */
const ServerDetails = {
  serverMessage: Schema.optional(Schema.String),
  requestId: Schema.optional(Schema.String)
}

/**
 * SociaVault refused the API key (HTTP 401 or 403).
 *
 * @since 1.0.0
 * @category errors
 */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()("Unauthorized", {
  status: Schema.Int,
  ...ServerDetails
}) {
  override get message(): string {
    return Messages.unauthorized(this.status, this)
  }
}

/**
 * SociaVault knows the key but not its user (HTTP 404).
 *
 * @since 1.0.0
 * @category errors
 */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", ServerDetails) {
  override get message(): string {
    return Messages.notFound(this)
  }
}

/**
 * SociaVault kept answering with a 5xx status until the retries were spent, or the last one came too close to
 * the deadline to try again.
 *
 * @since 1.0.0
 * @category errors
 */
export class ServerError extends Schema.TaggedError<ServerError>()("ServerError", {
  status: Schema.Int,
  attempts: Attempts,
  retryAfter: Schema.optional(Schema.DurationFromSelf),
  ...ServerDetails
}) {
  override get message(): string {
    return Messages.serverError(this.status, this.attempts, this)
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
    return Messages.rateLimited(this.attempts, millisOf(this.retryAfter))
  }
}

/**
 * The request did not get a response. `reason` says why:
 *
 * - `Connection`: the connection failed or was reset (retried);
 * - `Timeout`: no answer came in time (retried while the timeout leaves room);
 * - `Tls`: the TLS handshake failed: the certificate is not trusted (self-signed, or a corporate CA or
 *   TLS-inspecting proxy Node does not know: set `NODE_EXTRA_CA_CERTS`), has expired or does not name the host,
 *   or the server does not speak https on that port. Not retried;
 * - `Address`: the base URL's host does not exist (`ENOTFOUND`) or the HTTP client refuses the URL or its port.
 *   Not retried.
 *
 * `detail` is the error code (`ECONNRESET`, `DEPTH_ZERO_SELF_SIGNED_CERT`) or a short description.
 *
 * @since 1.0.0
 * @category errors
 */
export class TransportError extends Schema.TaggedError<TransportError>()("TransportError", {
  reason: Schema.Literal(...TRANSPORT_REASONS),
  detail: Schema.String,
  attempts: Attempts
}) {
  override get message(): string {
    return Messages.transport(this.reason, this.detail, this.attempts)
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
    return Messages.invalidResponse(this.status, this.detail)
  }
}

/**
 * Any status the API does not document for this call: 400, 402, 408 once the retries were spent, and redirects
 * that were not followed (`redirect` says why; `redirectHost` names the other origin a redirect pointed at).
 * `attempts` counts the requests made (1 when not given).
 *
 * @since 1.0.0
 * @category errors
 */
export class UnexpectedStatus extends Schema.TaggedError<UnexpectedStatus>()("UnexpectedStatus", {
  status: Schema.Int,
  attempts: Schema.optionalWith(Attempts, { default: () => 1 }),
  redirect: Schema.optional(Schema.Literal("CrossOrigin", "Credentials", "Unusable")),
  redirectHost: Schema.optional(Schema.String),
  ...ServerDetails
}) {
  override get message(): string {
    const redirect: Messages.RefusedRedirect | undefined =
      this.redirect === "CrossOrigin" || (this.redirect === undefined && this.redirectHost !== undefined)
        ? { _tag: "CrossOrigin", host: this.redirectHost ?? "" }
        : this.redirect === undefined
          ? undefined
          : { _tag: this.redirect }
    return Messages.unexpectedStatus(this.status, this.attempts, this, redirect)
  }
}

/**
 * The schema of {@link SociaVaultError}, every way a call can fail, for logging or sending errors across a
 * boundary. `InvalidOptions` is not one of them: only building a client (or a guard) can fail with it.
 *
 * @since 1.0.0
 * @category schemas
 */
export const SociaVaultError = Schema.Union(
  Unauthorized,
  NotFound,
  ServerError,
  RateLimited,
  TransportError,
  InvalidResponse,
  UnexpectedStatus
)

/**
 * The union of every error a SociaVault call (`getCredits`) can fail with, derived from the schema union.
 *
 * @since 1.0.0
 * @category errors
 */
export type SociaVaultError = typeof SociaVaultError.Type

/**
 * Whether a value is one of the {@link SociaVaultError}s.
 *
 * @since 1.0.0
 * @category refinements
 */
export const isSociaVaultError: (u: unknown) => u is SociaVaultError = Schema.is(SociaVaultError)
