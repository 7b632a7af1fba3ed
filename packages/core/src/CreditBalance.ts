/**
 * The credit balance of a SociaVault account, as `GET /v1/credits` returns it.
 *
 * @example
 * ```ts
 * import { CreditBalance } from "@sociavault-credits/core"
 * import { Effect } from "effect"
 *
 * // A body as GET /v1/credits returns it: a missing subscriptionId reads as null, and fields the API adds later
 * // are ignored.
 * const body = { credits: 950, subscriptionStatus: "active", plan: "pro" }
 * const balance = Effect.runSync(CreditBalance.decodeUnknown(body))
 *
 * assert.strictEqual(balance.credits, 950)
 * assert.strictEqual(balance.subscriptionId, null)
 * assert.strictEqual(balance.isActive, true)
 * ```
 *
 * @since 2.0.0
 */
import { MAX_FIELD_LENGTH } from "@sociavault-credits/rules"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

/**
 * The states a SociaVault subscription can be in.
 *
 * @since 2.0.0
 * @category schemas
 */
export const SubscriptionStatus = Schema.Literals(["active", "inactive", "cancelled", "past_due"])

/**
 * @since 2.0.0
 * @category models
 */
export type SubscriptionStatus = typeof SubscriptionStatus.Type

/**
 * The decoded body of `GET /v1/credits`.
 *
 * `credits` is a whole number and may be 0 or negative (an overdrawn account). A missing `subscriptionId`
 * decodes as `null`, and fields the API adds later are ignored, so a new field never breaks a deploy gate.
 *
 * @since 2.0.0
 * @category models
 */
export class CreditBalance extends Schema.Class<CreditBalance>("CreditBalance")({
  credits: Schema.Int,
  subscriptionStatus: SubscriptionStatus,
  // Absent on the wire reads as null; `new CreditBalance({...})` may leave it out too.
  // Bounded: an id is tens of characters, and it goes into outputs, logs and job summaries.
  subscriptionId: Schema.NullOr(Schema.String.check(Schema.isMaxLength(MAX_FIELD_LENGTH))).pipe(
    Schema.withDecodingDefaultType(Effect.succeed(null)),
    Schema.withConstructorDefault(Effect.succeed(null))
  )
}) {
  /**
   * Whether the subscription is `active`.
   *
   * @since 2.0.0
   */
  get isActive(): boolean {
    return this.subscriptionStatus === "active"
  }
}

/**
 * Decodes an unknown value (a parsed JSON body) into a {@link CreditBalance}.
 *
 * @since 2.0.0
 * @category decoding
 */
export const decodeUnknown = Schema.decodeUnknownEffect(CreditBalance)
