/**
 * What only the Effect 3 SDK takes: a Redacted key, Effect 3 DurationInputs, and `layerConfig`'s reading of the
 * environment through Effect 3's Config. The shared checks of every option are run by the conformance suite.
 */
import { SociaVaultClient } from "@sociavault-credits/core-effect3"
import * as Rules from "@sociavault-credits/rules"
import { ConfigProvider, Duration, Effect, Layer, type Redacted } from "effect"
import { describe, expect } from "vitest"
import { API_KEY, clientOn, fakeHttpClient, okBody } from "./fakeHttpClient.js"
import { it } from "./support/effectTest.js"

/** Building the client with these options must fail with InvalidOptions naming `option`, and send nothing. */
const expectRejected = (options: Partial<SociaVaultClient.Options>, option: string, expected: string) =>
  Effect.gen(function* () {
    const { layer, requests } = clientOn([{ status: 200, body: okBody }], options)
    const error = yield* Effect.flip(Effect.provide(SociaVaultClient.getCredits, layer))
    expect(error).toMatchObject({ _tag: "InvalidOptions", option, expected })
    expect(error.message.startsWith(Rules.Messages.invalid(option, expected))).toBe(true)
    expect(requests).toHaveLength(0)
    return error
  })

describe("Effect 3 options", () => {
  it.effect("a key that is not a Redacted is refused, without echoing it", () =>
    Effect.gen(function* () {
      const apiKey = API_KEY as unknown as Redacted.Redacted<string>
      const error = yield* expectRejected(
        { apiKey },
        "apiKey",
        "a Redacted<string> (use Redacted.make or Config.redacted)"
      )
      expect(error.message).not.toContain(API_KEY)
    })
  )

  it.effect.each([
    ["text that is no duration", "soon"],
    ["zero", "0 seconds"],
    ["more than the limit", `${Rules.TIMEOUT_SECONDS.max + 1} seconds`],
    ["infinity", Duration.infinity]
  ] as const)("timeout: %s", ([, timeout]) =>
    // "soon" is no DurationInput to the type checker either: the check is for callers without one.
    expectRejected({ timeout: timeout as Duration.DurationInput }, "timeout", Rules.EXPECTED.duration)
  )

  it.effect("attemptTimeout: more than the limit", () =>
    expectRejected({ attemptTimeout: "2 hours" }, "attemptTimeout", Rules.EXPECTED.duration)
  )

  it.effect("durations are taken in any Effect 3 form: text, millis, Duration", () =>
    Effect.gen(function* () {
      for (const timeout of ["90 seconds", 90_000, Duration.minutes(1.5)] as const) {
        const { layer } = clientOn([{ status: 200, body: okBody }], { timeout, attemptTimeout: "1 minute" })
        expect((yield* Effect.provide(SociaVaultClient.getCredits, layer)).credits).toBe(950)
      }
    })
  )
})

describe("layerConfig", () => {
  const withEnv = (env: Record<string, string>) =>
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

  const clientFromEnv = (env: Record<string, string>) => {
    const fake = fakeHttpClient([{ status: 200, body: okBody }])
    const layer = SociaVaultClient.layerConfig().pipe(Layer.provide(fake.layer))
    return {
      requests: fake.requests,
      client: Effect.provide(SociaVaultClient.SociaVaultClient, layer).pipe(withEnv(env))
    }
  }

  it.effect.each([
    ["a number of seconds", "5"],
    ["a fraction of seconds", "2.5"],
    ["an Effect duration", "30 seconds"]
  ])(`reads the key, base URL, retries and ${Rules.SETTINGS.timeout.env} as %s`, ([, timeout]) =>
    Effect.gen(function* () {
      const { client, requests } = clientFromEnv({
        SOCIAVAULT_API_KEY: API_KEY,
        SOCIAVAULT_BASE_URL: "http://127.0.0.1:9/prefix",
        SOCIAVAULT_MAX_RETRIES: "0",
        SOCIAVAULT_TIMEOUT: timeout
      })
      const service = yield* client
      expect(service.creditsUrl.href).toBe("http://127.0.0.1:9/prefix/v1/credits")
      yield* service.getCredits
      expect(requests[0]!.headers["x-api-key"]).toBe(API_KEY)
    })
  )

  it.effect(`defaults to ${Rules.DEFAULT_BASE_URL}`, () =>
    Effect.gen(function* () {
      const service = yield* clientFromEnv({ SOCIAVAULT_API_KEY: API_KEY }).client
      expect(service.creditsUrl.href).toBe(`${Rules.DEFAULT_BASE_URL}${Rules.CREDITS_PATH}`)
    })
  )

  it.effect.each([
    ["SOCIAVAULT_API_KEY is missing", {}, "SOCIAVAULT_API_KEY"],
    [
      "SOCIAVAULT_TIMEOUT is unreadable",
      { SOCIAVAULT_API_KEY: API_KEY, SOCIAVAULT_TIMEOUT: "whenever" },
      "SOCIAVAULT_TIMEOUT"
    ],
    [
      "SOCIAVAULT_MAX_RETRIES is not whole",
      { SOCIAVAULT_API_KEY: API_KEY, SOCIAVAULT_MAX_RETRIES: "1.5" },
      "SOCIAVAULT_MAX_RETRIES"
    ]
  ] as const)("fails with a ConfigError when %s", ([, env, name]) =>
    Effect.gen(function* () {
      const { client, requests } = clientFromEnv(env)
      const error = yield* Effect.flip(client)
      expect(String(error)).toContain(name)
      expect(requests).toHaveLength(0)
    })
  )
})
