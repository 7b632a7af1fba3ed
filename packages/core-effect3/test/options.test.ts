import { readFileSync } from "node:fs"
import { describe, expect, it } from "@effect/vitest"
import { SociaVaultClient } from "@sociavault-credits/core"
import { ConfigProvider, type Duration, Effect, Layer, Redacted } from "effect"
import { USER_AGENT, VERSION } from "../src/internal/version.js"
import { API_KEY, clientOn, fakeHttpClient, okBody } from "./fakeHttpClient.js"

/** Building the client with these options must fail with InvalidOptions naming `option`, and send nothing. */
const expectRejected = (options: Partial<SociaVaultClient.Options>, option: string, ...mustContain: string[]) =>
  Effect.gen(function* () {
    const { layer, requests } = clientOn([{ status: 200, body: okBody }], options)
    const error = yield* Effect.flip(Effect.provide(SociaVaultClient.getCredits, layer))
    expect(error._tag).toBe("InvalidOptions")
    expect(error.message.startsWith(option)).toBe(true)
    for (const text of mustContain) expect(error.message).toContain(text)
    expect(requests).toHaveLength(0)
    return error
  })

describe("options are checked before any request", () => {
  it.effect("an empty key", () => expectRejected({ apiKey: Redacted.make("") }, "apiKey", "non-empty"))

  it.effect.each([
    ["a trailing newline", `${API_KEY}\n`],
    ["a space", "sk_live abc"],
    ["a tab", "\tsk_live_abc"],
    ["a control character", "sk_live_\u0000abc"],
    ["a non-ASCII character", "sk_live_é"]
  ])("a key with %s, without echoing it", ([, key]) =>
    Effect.gen(function* () {
      const error = yield* expectRejected({ apiKey: Redacted.make(key) }, "apiKey", "whitespace")
      expect(error.message).not.toContain(key.trim())
    })
  )

  it.effect.each([
    ["not a URL", "api.sociavault.com"],
    ["ftp", "ftp://api.sociavault.com"],
    ["plain http to a remote host", "http://api.sociavault.com"],
    ["a query", "https://api.sociavault.com/?x=1"],
    ["a fragment", "https://api.sociavault.com/#x"]
  ])("a base URL that is %s", ([, baseUrl]) => expectRejected({ baseUrl }, "baseUrl", "absolute https URL"))

  it.effect("a base URL with credentials is rejected without echoing them", () =>
    Effect.gen(function* () {
      const error = yield* expectRejected({ baseUrl: "https://user:hunter2@api.sociavault.com" }, "baseUrl")
      expect(error.message).not.toContain("hunter2")
    })
  )

  it.effect.each([-1, 1.5, 11, Number.NaN])("maxRetries %s", (maxRetries) =>
    expectRejected({ maxRetries }, "maxRetries", "whole number from 0 to 10")
  )

  it.effect.each(["0 seconds", "-5 seconds", "soon"])("timeout %s", (timeout) =>
    expectRejected({ timeout: timeout as Duration.DurationInput }, "timeout")
  )

  it.effect("attemptTimeout of zero", () => expectRejected({ attemptTimeout: 0 }, "attemptTimeout"))

  it.effect("plain http is allowed to loopback hosts", () =>
    Effect.gen(function* () {
      for (const baseUrl of ["http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1", "http://api.localhost"]) {
        const { layer } = clientOn([{ status: 200, body: okBody }], { baseUrl })
        expect((yield* Effect.provide(SociaVaultClient.getCredits, layer)).credits).toBe(950)
      }
    })
  )
})

describe("layerConfig", () => {
  const withEnv = (env: Record<string, string>) =>
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

  it.effect("reads the key and options from the environment", () =>
    Effect.gen(function* () {
      const fake = fakeHttpClient([{ status: 200, body: okBody }])
      const layer = SociaVaultClient.layerConfig().pipe(Layer.provide(fake.layer))
      const client = yield* Effect.provide(SociaVaultClient.SociaVaultClient, layer).pipe(
        withEnv({
          SOCIAVAULT_API_KEY: API_KEY,
          SOCIAVAULT_BASE_URL: "http://127.0.0.1:9/prefix",
          SOCIAVAULT_MAX_RETRIES: "0",
          SOCIAVAULT_TIMEOUT: "5"
        })
      )
      expect(client.creditsUrl.href).toBe("http://127.0.0.1:9/prefix/v1/credits")
      yield* client.getCredits
      expect(fake.requests[0]!.headers["x-api-key"]).toBe(API_KEY)
    })
  )

  it.effect("fails with a ConfigError naming SOCIAVAULT_API_KEY when it is missing", () =>
    Effect.gen(function* () {
      const fake = fakeHttpClient([{ status: 200, body: okBody }])
      const layer = SociaVaultClient.layerConfig().pipe(Layer.provide(fake.layer))
      const error = yield* Effect.flip(Effect.provide(SociaVaultClient.getCredits, layer).pipe(withEnv({})))
      expect(String(error)).toContain("SOCIAVAULT_API_KEY")
      expect(fake.requests).toHaveLength(0)
    })
  )

  it.effect("rejects an unreadable SOCIAVAULT_TIMEOUT", () =>
    Effect.gen(function* () {
      const fake = fakeHttpClient([])
      const layer = SociaVaultClient.layerConfig().pipe(Layer.provide(fake.layer))
      const error = yield* Effect.flip(
        Effect.provide(SociaVaultClient.getCredits, layer).pipe(
          withEnv({ SOCIAVAULT_API_KEY: API_KEY, SOCIAVAULT_TIMEOUT: "whenever" })
        )
      )
      expect(String(error)).toContain("SOCIAVAULT_TIMEOUT")
    })
  )
})

describe("User-Agent", () => {
  it("names the package version from package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
    expect(VERSION).toBe(pkg.version)
    expect(USER_AGENT).toContain(`sociavault-credits/${pkg.version}`)
  })
})
