/**
 * The spend metrics in virtual time (TestClock), each test on a registry of its own: credits spent between
 * consecutive reads (top-ups not subtracted), the burn rate between the last two, and the last read's time; updated
 * by every read, CreditGuard's and CreditBudget's included.
 */
import { describe, expect, it } from "@effect/vitest"
import { CreditBudget, CreditGuard, SociaVaultClient, SociaVaultMetrics } from "@sociavault-credits/core"
import * as Rules from "@sociavault-credits/rules"
import { Effect, Fiber, Metric } from "effect"
import { TestClock } from "effect/testing"
import { clientOn, type Reply } from "./fakeHttpClient.js"

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

/** Runs `effect` on a client answering `replies`, with a registry of its own. */
const withClient = <A, E, R>(effect: Effect.Effect<A, E, R>, replies: ReadonlyArray<Reply>) =>
  effect.pipe(
    Effect.provide(clientOn(replies, { maxRetries: 0 }).layer),
    Effect.provideService(Metric.MetricRegistry, new Map())
  )

describe("SociaVaultMetrics: spend (TestClock)", () => {
  it("names them as the rules do", () => {
    expect(Rules.METRICS.spent).toBe("sociavault_credits_spent_total")
    expect(Rules.METRICS.burnRate).toBe("sociavault_credits_burn_rate_per_hour")
    expect(Rules.METRICS.lastRead).toBe("sociavault_credits_last_read_timestamp_seconds")
  })

  it.effect("counts falls between reads, never a top-up, with the burn rate between the last two reads", () =>
    withClient(
      Effect.gen(function* () {
        yield* TestClock.setTime(1_700_000_000_000)
        yield* SociaVaultClient.getCredits
        // The first read only sets the starting point.
        expect(yield* spendMetrics).toEqual({ spent: 0, burnRate: 0, lastRead: 1_700_000_000 })

        yield* TestClock.adjust("30 minutes")
        yield* SociaVaultClient.getCredits
        expect(yield* spendMetrics).toEqual({ spent: 60, burnRate: 120, lastRead: 1_700_001_800 })

        // A top-up: nothing spent, nothing subtracted.
        yield* TestClock.adjust("1 hour")
        yield* SociaVaultClient.getCredits
        expect(yield* spendMetrics).toMatchObject({ spent: 60, burnRate: 0 })

        yield* TestClock.adjust("15 minutes")
        yield* SociaVaultClient.getCredits
        expect(yield* spendMetrics).toMatchObject({ spent: 160, burnRate: 400 })
        expect((yield* Metric.value(SociaVaultMetrics.balance)).value).toBe(900)
      }),
      [balance(1000), balance(940), balance(1000), balance(900)]
    )
  )

  it.effect("two reads at the same instant count the spend and leave the rate as it was", () =>
    withClient(
      Effect.gen(function* () {
        yield* TestClock.setTime(1_000)
        yield* SociaVaultClient.getCredits
        yield* TestClock.adjust("1 hour")
        yield* SociaVaultClient.getCredits
        yield* SociaVaultClient.getCredits
        expect(yield* spendMetrics).toMatchObject({ spent: 30, burnRate: 10 })
      }),
      [balance(100), balance(90), balance(70)]
    )
  )

  it.effect("an overdrawn first read is a starting point, not spend", () =>
    withClient(
      Effect.gen(function* () {
        yield* SociaVaultClient.getCredits
        expect(yield* spendMetrics).toMatchObject({ spent: 0 })
      }),
      [balance(-5)]
    )
  )

  it.effect("a failed read changes none of them", () =>
    withClient(
      Effect.gen(function* () {
        yield* TestClock.setTime(60_000)
        yield* SociaVaultClient.getCredits
        yield* TestClock.adjust("1 hour")
        yield* Effect.flip(SociaVaultClient.getCredits)
        expect(yield* spendMetrics).toEqual({ spent: 0, burnRate: 0, lastRead: 60 })
        yield* TestClock.adjust("1 hour")
        yield* SociaVaultClient.getCredits
        // Measured from the last successful read.
        expect(yield* spendMetrics).toMatchObject({ spent: 20, burnRate: 10 })
      }),
      [balance(100), { status: 503 }, balance(80)]
    )
  )

  it.effect("CreditGuard's reads update them", () =>
    withClient(
      Effect.gen(function* () {
        yield* CreditGuard.requireCredits(1)
        yield* TestClock.adjust("30 seconds")
        yield* CreditGuard.requireCredits(1)
        expect(yield* spendMetrics).toMatchObject({ spent: 25, burnRate: 3_000 })
      }).pipe(Effect.provide(CreditGuard.layer({ ttl: "30 seconds" }))),
      [balance(500), balance(475)]
    )
  )

  it.effect("CreditBudget's reads update them", () =>
    withClient(
      Effect.gen(function* () {
        const fiber = yield* Effect.forkChild(
          Effect.sleep("65 seconds").pipe(CreditBudget.limit({ maxSpend: 1_000, checkEvery: "30 seconds" }))
        )
        yield* TestClock.adjust("65 seconds")
        yield* Fiber.join(fiber)
        // The last two reads, 30 s apart: 20 credits, 2400 an hour.
        expect(yield* spendMetrics).toMatchObject({ spent: 30, burnRate: 2_400 })
      }),
      [balance(500), balance(490), balance(470)]
    )
  )
})
