/**
 * CreditBudget in virtual time (TestClock) over the fake HttpClient, whose balance falls one scripted reply per
 * read: the budget's first read, then one per `checkEvery`. No test waits on a real clock.
 */
import { describe, expect, expectTypeOf, it } from "@effect/vitest"
import { CreditBudget, type SociaVaultClient, SociaVaultError } from "@sociavault-credits/core"
import * as Rules from "@sociavault-credits/rules"
import { Cause, Duration, Effect, Exit, Fiber, Layer, Logger } from "effect"
import { TestClock } from "effect/testing"
import { API_KEY, clientOn, type Reply } from "./fakeHttpClient.js"

const balance = (credits: number): Reply => ({
  status: 200,
  body: JSON.stringify({ credits, subscriptionStatus: "active", subscriptionId: "sub_1" })
})

/** A program that records that it started and whether its finalizer ran, and runs until it is told (or for ever). */
const program = <A>(body: Effect.Effect<A>) => {
  const events: Array<string> = []
  const effect = Effect.acquireRelease(
    Effect.sync(() => void events.push("started")),
    () => Effect.sync(() => void events.push("released"))
  ).pipe(
    Effect.andThen(body),
    Effect.onInterrupt(() => Effect.sync(() => void events.push("interrupted"))),
    Effect.scoped
  )
  return { effect, events }
}

/** Runs `effect` on a client answering `replies` (no retries, so one reply per read), logs captured. */
const budgeted = <A, E>(
  effect: Effect.Effect<A, E, SociaVaultClient.SociaVaultClient>,
  replies: ReadonlyArray<Reply>,
  options: Partial<SociaVaultClient.Options> = { maxRetries: 0 }
) => {
  const { layer, requests } = clientOn(replies, options)
  const logs: Array<string> = []
  const logger = Logger.make(({ message }) => void logs.push(JSON.stringify(message)))
  const run = effect.pipe(Effect.provide(Layer.merge(layer, Logger.layer([logger]))))
  return { run, requests, logs }
}

/** How the fiber ended; fails the test by assertion (not by timing out) when it has not ended yet. */
const ended = <A, E>(fiber: Fiber.Fiber<A, E>) =>
  Effect.gen(function* () {
    // Let the fibers it waits on (the read, the race's loser) run; virtual time stands still.
    for (let turn = 0; turn < 100 && fiber.pollUnsafe() === undefined; turn++) yield* Effect.yieldNow
    const exit = fiber.pollUnsafe()
    expect(exit, "the budgeted effect has not ended").toBeDefined()
    return exit!
  })

const failureOf = <A, E>(exit: Exit.Exit<A, E>) => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure, got a success")
  const error = Cause.findErrorOption(exit.cause)
  if (error._tag === "None") throw new Error(`expected a typed failure, got ${Cause.pretty(exit.cause)}`)
  return error.value
}

describe("CreditBudget.limit (TestClock)", () => {
  it.effect("within budget: the program's result, a read every 30 s by default, none once it ended", () =>
    Effect.gen(function* () {
      const work = program(Effect.as(Effect.sleep("75 seconds"), "scraped"))
      const { run, requests } = budgeted(work.effect.pipe(CreditBudget.limit({ maxSpend: 500 })), [
        balance(1000),
        balance(900),
        balance(500)
      ])
      const fiber = yield* Effect.forkChild(run)
      yield* TestClock.adjust("29 seconds")
      expect(requests).toHaveLength(1)
      yield* TestClock.adjust("1 second")
      expect(requests).toHaveLength(2)
      yield* TestClock.adjust("45 seconds")
      expect(yield* ended(fiber)).toEqual(Exit.succeed("scraped"))
      expect(requests).toHaveLength(3)
      expect(work.events).toEqual(["started", "released"])
      // The re-reading fiber ended with the program.
      yield* TestClock.adjust("10 minutes")
      expect(requests).toHaveLength(3)
    })
  )

  it.effect("spending exactly maxSpend is allowed", () =>
    Effect.gen(function* () {
      const work = program(Effect.as(Effect.sleep("1 minute"), "ok"))
      const { run } = budgeted(work.effect.pipe(CreditBudget.limit({ maxSpend: 500, checkEvery: "10 seconds" })), [
        balance(1000),
        balance(500)
      ])
      const fiber = yield* Effect.forkChild(run)
      yield* TestClock.adjust("1 minute")
      expect(yield* ended(fiber)).toEqual(Exit.succeed("ok"))
    })
  )

  it.effect("exceeded: interrupts the program, its finalizer runs, fails with BudgetExceeded", () =>
    Effect.gen(function* () {
      const work = program(Effect.never)
      const { run, requests, logs } = budgeted(
        work.effect.pipe(CreditBudget.limit({ maxSpend: 500, checkEvery: "10 seconds" })),
        [balance(1000), balance(800), balance(399)]
      )
      const fiber = yield* Effect.forkChild(run)
      yield* TestClock.adjust("10 seconds")
      expect(work.events).toEqual(["started"])
      yield* TestClock.adjust("10 seconds")
      const error = failureOf(yield* ended(fiber))
      expect(error).toBeInstanceOf(CreditBudget.BudgetExceeded)
      expect(error).toBeInstanceOf(Error)
      expect(error).toMatchObject({ _tag: "BudgetExceeded", maxSpend: 500, spent: 601, balance: 399 })
      expect((error as Error).message).toBe(Rules.Messages.budgetExceeded(601, "maxSpend", 500, 399))
      expect(work.events).toEqual(["started", "interrupted", "released"])
      expect(requests).toHaveLength(3)
      expect([(error as Error).message, ...logs].join("\n")).not.toContain(API_KEY)
    })
  )

  it.effect("the program's own error is returned as it is", () =>
    Effect.gen(function* () {
      const { run } = budgeted(Effect.fail("scraper broke" as const).pipe(CreditBudget.limit({ maxSpend: 5 })), [
        balance(1000)
      ])
      const fiber = yield* Effect.forkChild(run)
      expect(failureOf(yield* ended(fiber))).toBe("scraper broke")
    })
  )

  it.effect("a first read that fails fails with its error, and the program never starts", () =>
    Effect.gen(function* () {
      const work = program(Effect.succeed("never"))
      const { run, requests } = budgeted(work.effect.pipe(CreditBudget.limit({ maxSpend: 500 })), [{ status: 401 }])
      const fiber = yield* Effect.forkChild(run)
      const error = failureOf(yield* ended(fiber))
      expect(error).toBeInstanceOf(SociaVaultError.Unauthorized)
      expect((error as Error).message).not.toContain(API_KEY)
      expect(work.events).toEqual([])
      expect(requests).toHaveLength(1)
    })
  )

  it.effect("a re-read that fails is logged and skipped; the next one catches the overspend", () =>
    Effect.gen(function* () {
      const work = program(Effect.never)
      const { run, requests, logs } = budgeted(
        work.effect.pipe(CreditBudget.limit({ maxSpend: 100, checkEvery: "10 seconds" })),
        [balance(1000), { status: 503 }, { fail: "transport" }, balance(850)]
      )
      const fiber = yield* Effect.forkChild(run)
      yield* TestClock.adjust("20 seconds")
      expect(requests).toHaveLength(3)
      expect(fiber.pollUnsafe()).toBeUndefined()
      expect(work.events).toEqual(["started"])
      expect(logs.join("\n")).toContain("CreditBudget could not re-read the balance")
      yield* TestClock.adjust("10 seconds")
      expect(failureOf(yield* ended(fiber))).toMatchObject({ _tag: "BudgetExceeded", spent: 150 })
      expect(logs.join("\n")).not.toContain(API_KEY)
    })
  )

  it.effect("interrupting the budgeted effect stops the re-reading too", () =>
    Effect.gen(function* () {
      const work = program(Effect.never)
      const { run, requests } = budgeted(work.effect.pipe(CreditBudget.limit({ maxSpend: 5 })), [balance(1000)])
      const fiber = yield* Effect.forkChild(run)
      yield* TestClock.adjust("30 seconds")
      yield* Fiber.interrupt(fiber)
      expect(work.events).toEqual(["started", "interrupted", "released"])
      yield* TestClock.adjust("10 minutes")
      expect(requests).toHaveLength(2)
    })
  )

  const badOptions: ReadonlyArray<readonly [string, CreditBudget.Options, string]> = [
    ["maxSpend -5", { maxSpend: -5 }, "maxSpend"],
    ["maxSpend 1.5", { maxSpend: 1.5 }, "maxSpend"],
    ["maxSpend NaN", { maxSpend: Number.NaN }, "maxSpend"],
    ["maxSpend Infinity", { maxSpend: Number.POSITIVE_INFINITY }, "maxSpend"],
    ["checkEvery 0", { maxSpend: 5, checkEvery: 0 }, "checkEvery"],
    ["checkEvery -5 seconds", { maxSpend: 5, checkEvery: "-5 seconds" }, "checkEvery"],
    ["checkEvery 2 hours", { maxSpend: 5, checkEvery: Duration.hours(2) }, "checkEvery"],
    ["checkEvery Infinity", { maxSpend: 5, checkEvery: "Infinity" }, "checkEvery"]
  ]

  it.for(badOptions)("refuses %s where it is written: no request, no program", ([, options, option]) => {
    const work = program(Effect.succeed("never"))
    const { requests } = clientOn([balance(1000)])
    let thrown: unknown
    try {
      work.effect.pipe(CreditBudget.limit(options))
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(SociaVaultError.InvalidOptions)
    expect(thrown).toMatchObject({ _tag: "InvalidOptions", option })
    expect((thrown as Error).message).toMatch(new RegExp(`^${option} must be `))
    expect(requests).toHaveLength(0)
    expect(work.events).toEqual([])
  })

  it.effect("a bad option written inside a running effect ends it before the first read (a defect)", () =>
    Effect.gen(function* () {
      const work = program(Effect.succeed("never"))
      const { run, requests } = budgeted(
        Effect.suspend(() => work.effect.pipe(CreditBudget.limit({ maxSpend: -1 }))),
        [balance(1000)]
      )
      const exit = yield* Effect.exit(run)
      expect(Exit.isFailure(exit) && Cause.hasDies(exit.cause)).toBe(true)
      expect(Cause.squash((exit as Exit.Failure<unknown, unknown>).cause)).toMatchObject({ option: "maxSpend" })
      expect(requests).toHaveLength(0)
      expect(work.events).toEqual([])
    })
  )

  it("types: adds BudgetExceeded, the client's errors and the client, keeps the program's", () => {
    const guarded = Effect.fail("own" as const).pipe(CreditBudget.limit({ maxSpend: 1 }))
    expectTypeOf(guarded).toEqualTypeOf<
      Effect.Effect<
        never,
        "own" | CreditBudget.BudgetExceeded | SociaVaultError.SociaVaultError,
        SociaVaultClient.SociaVaultClient
      >
    >()
  })
})
