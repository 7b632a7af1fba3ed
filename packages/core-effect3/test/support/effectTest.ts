/**
 * `it.effect` for Effect 3 under plain vitest (the root's vitest 5 and @effect/vitest 4 serve Effect 4 only): each
 * test's effect runs with Effect 3's TestContext (TestClock, TestRandom) via Effect.runPromiseExit, and a failure
 * or defect (a failed `expect` inside Effect.gen is one) is rethrown as itself, so vitest reports the assertion.
 */
import { Cause, Effect, Exit, TestContext, type TestServices } from "effect"
import { it as vitestIt } from "vitest"

type Body<A> = (item: A) => Effect.Effect<unknown, unknown, TestServices.TestServices>

const run = async (effect: Effect.Effect<unknown, unknown, TestServices.TestServices>): Promise<void> => {
  const exit = await Effect.runPromiseExit(Effect.provide(effect, TestContext.TestContext))
  if (Exit.isFailure(exit)) {
    const error = Cause.squash(exit.cause)
    throw error instanceof Error ? error : new Error(Cause.pretty(exit.cause))
  }
}

/** Runs the effect made by `self` as a test. */
const effect = Object.assign(
  (name: string, self: () => Effect.Effect<unknown, unknown, TestServices.TestServices>, timeout?: number) =>
    vitestIt(name, () => run(self()), timeout),
  {
    /** One test per case; the case is passed whole (as `it.for` does), and `%s`-style names format it. */
    each:
      <const A>(cases: ReadonlyArray<A>) =>
      (name: string, self: Body<A>) =>
        vitestIt.for(cases)(name, (item) => run(self(item)))
  }
)

/** vitest's `it`, plus `it.effect` and `it.effect.each`. */
export const it = Object.assign(
  (name: string, fn: () => unknown, timeout?: number) => vitestIt(name, async () => void (await fn()), timeout),
  { effect }
)
