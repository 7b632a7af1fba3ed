/**
 * Spend tracking across the job: the main step saves the balance it read (never the key), and the post step, run
 * by the runner when the job ends (also after a failure), reads the balance once more and reports the difference.
 */
import * as core from "@actions/core"
import type { CreditBalance } from "@sociavault-credits/core"
import * as Rules from "@sociavault-credits/rules"
import * as Clock from "effect/Clock"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import { describe, maskKey, readBalance, runStep } from "./check.js"
import type { ActionError } from "./errors.js"
import { type InputSource, readInputs, runnerInputs } from "./inputs.js"
import { writeIfPossible } from "./report.js"
import { withRetryNotices } from "./retries.js"

/** Where the main step's saved state comes from: @actions/core (`STATE_*` variables) on a runner, a record in tests. */
export type StateSource = (name: string) => string

/** The runner's state, as the main step saved it. */
export const runnerState: StateSource = (name) => core.getState(name)

/** The main step's half: the starting balance and when it was read. */
export const saveStartingBalance = (balance: CreditBalance.CreditBalance): Effect.Effect<void> =>
  Effect.flatMap(Clock.currentTimeMillis, (now) =>
    Effect.sync(() => {
      core.saveState(Rules.SPEND_STATE.startCredits, String(balance.credits))
      core.saveState(Rules.SPEND_STATE.startedAt, String(now))
    })
  )

/** The job spent more than max-spend. */
export class SpendExceeded extends Data.TaggedError("SpendExceeded")<{
  readonly spent: number
  readonly maxSpend: number
  readonly balance: number
}> {
  override get message(): string {
    return Rules.Messages.jobOverspent(this.spent, Rules.SETTINGS.maxSpend.input, this.maxSpend, this.balance)
  }
}

/** max-spend is set, and the closing balance could not be read: the spend is unknown, so the limit cannot pass. */
export class SpendUnverified extends Data.TaggedError("SpendUnverified")<{ readonly why: string }> {
  override get message(): string {
    return Rules.Messages.spendUnverified(Rules.SETTINGS.maxSpend.input, this.why)
  }
}

/** Every way the post step can fail. */
export type PostError = ActionError | SpendExceeded | SpendUnverified

/** One readable line for a post step's failure. */
export const describePost = (error: PostError): string =>
  error._tag === "SpendExceeded" || error._tag === "SpendUnverified" ? error.message : describe(error)

/** A whole number the main step saved, or undefined when there is none (the main step never read a balance). */
const savedNumber = (state: StateSource, name: string): number | undefined => {
  const text = state(name)
  return /^-?\d{1,15}$/.test(text) ? Number(text) : undefined
}

/**
 * The post step: with `track-spend` on and a starting balance saved, read the balance once, write the spend as a
 * notice and a summary section, and fail when it is more than `max-spend`. No starting balance: no request.
 */
export const postProgram = (
  input: InputSource = runnerInputs,
  state: StateSource = runnerState
): Effect.Effect<void, PostError, HttpClient.HttpClient> =>
  Effect.flatMap(maskKey(input), () =>
    Effect.gen(function* () {
      const before = savedNumber(state, Rules.SPEND_STATE.startCredits)
      const startedAt = savedNumber(state, Rules.SPEND_STATE.startedAt)
      if (before === undefined || startedAt === undefined) {
        // track-spend off, or the main step failed before it read a balance: nothing to compare with.
        yield* Effect.sync(() =>
          core.info(
            "No starting balance was saved by the main step (track-spend is off, or no balance was read): no spend to report"
          )
        )
        return
      }
      const inputs = yield* readInputs(input)
      if (!inputs.trackSpend) return
      const read = yield* Effect.result(withRetryNotices(readBalance(inputs)))
      if (read._tag === "Failure") {
        if (inputs.maxSpend !== undefined) return yield* new SpendUnverified({ why: describe(read.failure) })
        yield* Effect.sync(() => core.warning(Rules.Messages.spendUnknown(describe(read.failure))))
        return
      }
      const after = read.success[0].credits
      const elapsedMillis = Math.max(0, (yield* Clock.currentTimeMillis) - startedAt)
      const { spent, toppedUp } = Rules.spendBetween(before, after)
      const rate = Rules.jobBurnRatePerHour(spent, elapsedMillis)
      const line = Rules.Messages.jobSpend(before, after, elapsedMillis)
      yield* Effect.sync(() => core.notice(line))
      yield* writeIfPossible(() => {
        core.summary.addHeading("SociaVault credits spent during this job", 3).addTable([
          ["Before", "After", toppedUp > 0 ? "Topped up" : "Spent", "Duration", "Burn rate"].map((data) => ({
            data,
            header: true
          })),
          [
            String(before),
            String(after),
            String(toppedUp > 0 ? toppedUp : spent),
            Rules.formatSpan(elapsedMillis),
            rate === undefined ? "—" : Rules.formatRate(rate)
          ]
        ])
        core.summary.addRaw(
          "The balance is the account's: whatever else used the account while this job ran counts too.",
          true
        )
      })
      if (inputs.maxSpend !== undefined && Rules.exceedsBudget(spent, inputs.maxSpend)) {
        return yield* new SpendExceeded({ spent, maxSpend: inputs.maxSpend, balance: after })
      }
    })
  )

/** The post step, as the runner starts it. */
export const runPost = (): Promise<void> => runStep(postProgram(), describePost)
