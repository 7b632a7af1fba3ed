/**
 * The spend metrics in virtual time (TestClock): credits spent between consecutive reads (top-ups not subtracted),
 * the burn rate between the last two, and the last read's time; updated by every read, CreditGuard's and
 * CreditBudget's included. Effect 3's metrics live in one global registry, shared by every test of this process, so
 * each test starts with a read that sets its starting point and measures the spend counter from there.
 */
import { CreditBudget, CreditGuard, SociaVaultClient, SociaVaultMetrics } from "@sociavault-credits/core-effect3"
import { Effect, Fiber, Metric, TestClock } from "effect"
import { describe, expect } from "vitest"
import { clientOn, type Reply } from "./fakeHttpClient.js"
import { it } from "./support/effectTest.js"

const balance = (credits: number): Reply => ({
  status: 200,
  body: JSON.stringify({ credits, subscriptionStatus: "active", subscriptionId: "sub_1" })
})

const spendMetrics = Effect.gen(function* () {
  return {
    spent: (yield* Metric.value(SociaVaultMetrics.spent)).count,
    burnRate: (yield* Metric.value(SociaVaultMetrics.burnRate)).value,
    lastRead: (yield* Metric.value(SociaVaultMetrics.lastRead)).value
  }
})

/**
 * Runs `body` on a client answering `replies` after a first read (the starting point, at `startMillis` on the
 * TestClock); `spentSince` tells what was counted after that read.
 */
const fromStart = <A, E, R>(
  replies: ReadonlyArray<Reply>,
  body: (spentSince: Effect.Effect<number>) => Effect.Effect<A, E, R>,
  startMillis = 1_700_000_000_000
) =>
  Effect.gen(function* () {
    yield* TestClock.setTime(startMillis)
    yield* SociaVaultClient.getCredits
    const start = (yield* spendMetrics).spent
    return yield* body(Effect.map(spendMetrics, (now) => now.spent - start))
  }).pipe(Effect.provide(clientOn(replies, { maxRetries: 0 }).layer))

describe("SociaVaultMetrics: spend (TestClock)", () => {
  it.effect("counts falls between reads, never a top-up, with the burn rate between the last two reads", () =>
    fromStart([balance(1000), balance(940), balance(1000), balance(900)], (spentSince) =>
      Effect.gen(function* () {
        expect((yield* spendMetrics).lastRead).toBe(1_700_000_000)
        yield* TestClock.adjust("30 minutes")
        yield* SociaVaultClient.getCredits
        expect(yield* spentSince).toBe(60)
        expect(yield* spendMetrics).toMatchObject({ burnRate: 120, lastRead: 1_700_001_800 })

        // A top-up: nothing spent, nothing subtracted.
        yield* TestClock.adjust("1 hour")
        yield* SociaVaultClient.getCredits
        expect(yield* spentSince).toBe(60)
        expect((yield* spendMetrics).burnRate).toBe(0)

        yield* TestClock.adjust("15 minutes")
        yield* SociaVaultClient.getCredits
        expect(yield* spentSince).toBe(160)
        expect((yield* spendMetrics).burnRate).toBe(400)
        expect((yield* Metric.value(SociaVaultMetrics.balance)).value).toBe(900)
      })
    )
  )

  it.effect("two reads at the same instant count the spend and leave the rate as it was", () =>
    fromStart([balance(100), balance(90), balance(70)], (spentSince) =>
      Effect.gen(function* () {
        yield* TestClock.adjust("1 hour")
        yield* SociaVaultClient.getCredits
        yield* SociaVaultClient.getCredits
        expect(yield* spentSince).toBe(30)
        expect((yield* spendMetrics).burnRate).toBe(10)
      })
    )
  )

  it.effect("a failed read changes none of them", () =>
    fromStart(
      [balance(100), { status: 503 }, balance(80)],
      (spentSince) =>
        Effect.gen(function* () {
          const before = yield* spendMetrics
          yield* TestClock.adjust("1 hour")
          yield* Effect.flip(SociaVaultClient.getCredits)
          expect(yield* spendMetrics).toEqual(before)
          yield* TestClock.adjust("1 hour")
          yield* SociaVaultClient.getCredits
          // Measured from the last successful read.
          expect(yield* spentSince).toBe(20)
          expect((yield* spendMetrics).burnRate).toBe(10)
        }),
      1_800_000_000_000
    )
  )

  it.effect("CreditGuard's reads update them", () =>
    fromStart([balance(600), balance(500), balance(475)], (spentSince) =>
      Effect.gen(function* () {
        yield* CreditGuard.requireCredits(1)
        const first = yield* spentSince
        yield* TestClock.adjust("30 seconds")
        yield* CreditGuard.requireCredits(1)
        expect((yield* spentSince) - first).toBe(25)
        expect((yield* spendMetrics).burnRate).toBe(3_000)
      }).pipe(Effect.provide(CreditGuard.layer({ ttl: "30 seconds" })))
    )
  )

  it.effect("CreditBudget's reads update them", () =>
    fromStart([balance(600), balance(500), balance(490), balance(470)], (spentSince) =>
      Effect.gen(function* () {
        const fiber = yield* Effect.fork(
          Effect.sleep("65 seconds").pipe(CreditBudget.limit({ maxSpend: 1_000, checkEvery: "30 seconds" }))
        )
        yield* TestClock.adjust("65 seconds")
        yield* Fiber.join(fiber)
        // 100 up to the budget's first read, 30 while it ran; the last two reads, 30 s apart: 20 credits, 2400 an hour.
        expect(yield* spentSince).toBe(130)
        expect((yield* spendMetrics).burnRate).toBe(2_400)
      })
    )
  )
})
