/**
 * A credit budget for an Effect program: stop it once it has spent more than a number of credits. The balance is
 * read before the program starts and re-read every `checkEvery` while it runs; when it has fallen by more than
 * `maxSpend`, the program is interrupted (its finalizers run) and the budget fails with `BudgetExceeded`.
 *
 * Spend is the account's balance falling: whatever else spends on the same account while the program runs counts
 * too, and a top-up during the run lowers the spend seen (the budget compares the balance now with the one at the
 * start).
 *
 * A re-read that fails (SociaVault down, a timeout) does not fail the budget: it is logged as a warning and the
 * balance is read again at the next tick. An outage therefore hides spending for as long as it lasts plus one
 * `checkEvery` (each read itself takes up to the client's `timeout`, retries included), and the spend found after
 * it is counted in full.
 *
 * @example
 * ```ts
 * import { CreditBudget, SociaVaultClient } from "@sociavault-credits/core-effect3"
 * import { Effect, Layer } from "effect"
 * import { FetchHttpClient } from "@effect/platform"
 *
 * // A scraping run that may spend at most 500 credits; the balance is re-read every 10 seconds while it runs.
 * const run = Effect.gen(function* () {
 *   yield* Effect.log("scraping profiles")
 *   return 42
 * }).pipe(
 *   CreditBudget.limit({ maxSpend: 500, checkEvery: "10 seconds" }),
 *   Effect.catchTag("BudgetExceeded", (e) => Effect.logError(e.message).pipe(Effect.as(0)))
 * )
 *
 * const SociaVault = SociaVaultClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))
 * Effect.runPromise(Effect.provide(run, SociaVault)).then((scraped) => assert.strictEqual(scraped, 42))
 * ```
 *
 * @since 1.1.0
 */
import * as Rules from "@sociavault-credits/rules"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { checkedOrThrow, creditAmount } from "./internal/options.js"
import { type Service as Client, SociaVaultClient } from "./SociaVaultClient.js"
import type { SociaVaultError } from "./SociaVaultError.js"

/**
 * The program spent more than its budget: the balance fell by `spent` credits since it started, more than
 * `maxSpend`; `balance` is the balance read last. The program was interrupted.
 *
 * @since 1.1.0
 * @category errors
 */
export class BudgetExceeded extends Schema.TaggedError<BudgetExceeded>()("BudgetExceeded", {
  maxSpend: Schema.Int,
  spent: Schema.Int,
  balance: Schema.Int
}) {
  override get message(): string {
    return Rules.Messages.budgetExceeded(this.spent, Rules.SETTINGS.maxSpend.option, this.maxSpend, this.balance)
  }
}

/**
 * The budget's options.
 *
 * @since 1.1.0
 * @category models
 */
export interface Options {
  /** The most credits the program may spend: a whole number ≥ 0. Spending exactly this much is allowed. */
  readonly maxSpend: number
  /** How often the balance is re-read while the program runs: a positive duration of at most an hour. Default 30 seconds. */
  readonly checkEvery?: Duration.DurationInput | undefined
}

const checkEveryMillis = (input: Duration.DurationInput): number => {
  const decoded = Duration.decodeUnknown(input)
  // Effect 3 decodes a negative number of millis to zero, which the check refuses all the same.
  const millis = Option.match(decoded, {
    onNone: () => Number.NaN,
    onSome: (duration) => Duration.toMillis(duration)
  })
  // As the user wrote it when that is text or a number, else as the Duration it decoded to.
  const shown =
    typeof input === "string" || typeof input === "number" || Option.isNone(decoded)
      ? String(input)
      : Duration.format(decoded.value)
  return checkedOrThrow(Rules.SETTINGS.checkEvery.option, Rules.checkCheckEveryMillis(millis, shown))
}

/**
 * Re-reads the balance every `everyMillis` until it has fallen by more than `maxSpend` since `startCredits`; never
 * succeeds. A failed read is skipped (logged), not fatal.
 */
const watch = (
  client: Client,
  startCredits: number,
  maxSpend: number,
  everyMillis: number
): Effect.Effect<never, BudgetExceeded> => {
  const tick: Effect.Effect<BudgetExceeded | undefined> = Effect.sleep(Duration.millis(everyMillis)).pipe(
    Effect.andThen(client.getCredits),
    Effect.map((read) => {
      const { spent } = Rules.spendBetween(startCredits, read.credits)
      return Rules.exceedsBudget(spent, maxSpend)
        ? new BudgetExceeded({ maxSpend, spent, balance: read.credits })
        : undefined
    }),
    Effect.catchAll((error: SociaVaultError) =>
      Effect.as(Effect.logWarning(Rules.Messages.budgetReadFailed(error.message)), undefined)
    )
  )
  const loop: Effect.Effect<never, BudgetExceeded> = Effect.flatMap(tick, (exceeded) =>
    exceeded === undefined ? loop : Effect.fail(exceeded)
  )
  return loop
}

/**
 * Runs the program under a credit budget. The options are checked when `limit` is called: a bad `maxSpend`
 * (negative, fractional, NaN, infinite) or `checkEvery` (not a positive duration of at most an hour) throws
 * `InvalidOptions` naming it right there, so no request is made and no program starts, and the guarded program's
 * error type does not carry an error that only a typo can cause. (A limit read from configuration is checked
 * where it is read, e.g. `Config.int` with a `Config.check`.)
 *
 * Then the returned effect reads the balance (a failure fails it with that error, and the program never starts),
 * runs the program while a fiber of its own re-reads the balance every `checkEvery`, and:
 * - when the balance has fallen by more than `maxSpend` since the start, interrupts the program, waits for its
 *   finalizers and fails with {@link BudgetExceeded};
 * - otherwise ends as the program does, with its result or its error; the re-reading fiber is interrupted.
 *
 * No read is made when the program ends: spend after the last check goes unseen. A re-read that fails is logged
 * and retried at the next check, so an outage can hide spending for its length plus one `checkEvery`.
 *
 * @example
 * ```ts
 * import { CreditBudget, SociaVaultClient } from "@sociavault-credits/core-effect3"
 * import { Effect, Layer } from "effect"
 * import { FetchHttpClient } from "@effect/platform"
 *
 * const scrape = Effect.log("scraping").pipe(Effect.as("done"), CreditBudget.limit({ maxSpend: 500 }))
 *
 * // A bad limit is refused where it is written, before anything runs.
 * assert.throws(() => CreditBudget.limit({ maxSpend: -5 }), /maxSpend must be a whole number >= 0/)
 *
 * const SociaVault = SociaVaultClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))
 * Effect.runPromise(Effect.provide(scrape, SociaVault)).then((result) => assert.strictEqual(result, "done"))
 * ```
 *
 * @since 1.1.0
 * @category combinators
 */
export const limit = (
  options: Options
): (<A, E, R>(
  self: Effect.Effect<A, E, R>
) => Effect.Effect<A, E | BudgetExceeded | SociaVaultError, R | SociaVaultClient>) => {
  const maxSpend = creditAmount(Rules.SETTINGS.maxSpend.option, options.maxSpend)
  const everyMillis = checkEveryMillis(options.checkEvery ?? Duration.seconds(Rules.BUDGET_CHECK_EVERY_SECONDS.default))
  return (self) =>
    Effect.gen(function* () {
      const client = yield* SociaVaultClient
      const start = yield* client.getCredits
      // The first to end wins: the program (its result or error), or the watcher's BudgetExceeded. The other one is
      // interrupted, and awaited, so the program's finalizers have run when BudgetExceeded is seen.
      return yield* Effect.raceFirst(self, watch(client, start.credits, maxSpend, everyMillis))
    })
}
