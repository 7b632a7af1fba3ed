/**
 * Every way the action's step can fail, and the `outcome` each one is reported under.
 */
import type { SociaVaultError } from "@sociavault-credits/core"
import { GATE_OUTCOMES, type GateOutcome, OUTCOME_BY_TAG } from "@sociavault-credits/rules"
import * as Data from "effect/Data"
import type { InvalidInputs } from "./inputs.js"

/** The step failed the gate (balance or subscription); not an error of the check itself. */
export class GateFailed extends Data.TaggedError("GateFailed")<{
  readonly reasons: ReadonlyArray<string>
  readonly outcome: GateOutcome
}> {
  override get message(): string {
    return this.reasons.join("; ")
  }
}

/** Every way the step can fail. */
export type ActionError = InvalidInputs | SociaVaultError.InvalidOptions | SociaVaultError.SociaVaultError | GateFailed

/** The `outcome` output of a failed step: what kind of failure, in the shared names. */
export const outcomeOf = (error: ActionError): GateOutcome => {
  switch (error._tag) {
    case "InvalidInputs":
    case "InvalidOptions":
      return GATE_OUTCOMES.invalidInput
    case "GateFailed":
      return error.outcome
    default:
      return OUTCOME_BY_TAG[error._tag]
  }
}
