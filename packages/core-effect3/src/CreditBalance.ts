/**
 * The credit balance of a SociaVault account, as `GET /v1/credits` returns it.
 *
 * @since 1.0.0
 */
import { MAX_FIELD_LENGTH } from "@sociavault-credits/rules"
import * as Schema from "effect/Schema"

/**
 * The states a SociaVault subscription can be in.
 *
 * @since 1.0.0
 * @category schemas
 */
export const SubscriptionStatus = Schema.Literal("active", "inactive", "cancelled", "past_due")

/**
 * @since 1.0.0
 * @category models
 */
export type SubscriptionStatus = typeof SubscriptionStatus.Type

/**
 * The decoded body of `GET /v1/credits`.
 *
 * `credits` is a whole number and may be 0 or negative (an overdrawn account). A missing `subscriptionId`
 * decodes as `null`, and fields the API adds later are ignored, so a new field never breaks a deploy gate.
 *
 * @since 1.0.0
 * @category models
 */
export class CreditBalance extends Schema.Class<CreditBalance>("CreditBalance")({
  credits: Schema.Int,
  subscriptionStatus: SubscriptionStatus,
  // Bounded: an id is tens of characters, and it goes into outputs, logs and job summaries.
  subscriptionId: Schema.optionalWith(Schema.NullOr(Schema.String.pipe(Schema.maxLength(MAX_FIELD_LENGTH))), {
    default: () => null
  })
}) {
  /**
   * Whether the subscription is `active`.
   *
   * @since 1.0.0
   */
  get isActive(): boolean {
    return this.subscriptionStatus === "active"
  }
}

/**
 * Decodes an unknown value (a parsed JSON body) into a {@link CreditBalance}.
 *
 * @since 1.0.0
 * @category decoding
 */
export const decodeUnknown = Schema.decodeUnknown(CreditBalance)
