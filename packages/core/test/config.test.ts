/**
 * layerConfig on Effect 4's ConfigProvider: every variable is read, and a bad one is refused naming the variable
 * the user set, before any request.
 */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "@effect/vitest"
import { SociaVaultClient } from "@sociavault-credits/core"
import { ConfigProvider, Effect, Layer } from "effect"
import { USER_AGENT, VERSION } from "../src/internal/version.js"
import { fakeHttpClient, okBody } from "./fakeHttpClient.js"

const fromEnv = (env: Record<string, string>) => {
  const fake = fakeHttpClient([{ status: 200, body: okBody }])
  const layer = SociaVaultClient.layerConfig().pipe(
    Layer.provide(fake.layer),
    Layer.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env })))
  )
  return { requests: fake.requests, run: Effect.provide(SociaVaultClient.getCredits, layer) }
}

describe("layerConfig", () => {
  it.effect("reads the key, base URL, retries and timeout from the environment", () =>
    Effect.gen(function* () {
      const { run, requests } = fromEnv({
        SOCIAVAULT_API_KEY: "sk_env_0123",
        SOCIAVAULT_BASE_URL: "https://gateway.example.test/sociavault",
        SOCIAVAULT_MAX_RETRIES: "0",
        SOCIAVAULT_TIMEOUT: "45 seconds"
      })
      expect((yield* run).credits).toBe(950)
      expect(requests[0]!.url).toBe("https://gateway.example.test/sociavault/v1/credits")
      expect(requests[0]!.headers["x-api-key"]).toBe("sk_env_0123")
    })
  )

  it.effect.each([
    ["SOCIAVAULT_MAX_RETRIES", "1e1"],
    ["SOCIAVAULT_MAX_RETRIES", "0x3"],
    ["SOCIAVAULT_MAX_RETRIES", "11"],
    ["SOCIAVAULT_TIMEOUT", "soon"],
    ["SOCIAVAULT_TIMEOUT", "0"],
    ["SOCIAVAULT_TIMEOUT", "7200"],
    ["SOCIAVAULT_API_KEY", ""],
    ["SOCIAVAULT_API_KEY", "sk key\n"]
  ])("a bad %s (%j) is refused naming the variable, with no request", ([name, value]) =>
    Effect.gen(function* () {
      const { run, requests } = fromEnv({ SOCIAVAULT_API_KEY: "sk_env_0123", [name]: value })
      const error = yield* Effect.flip(run)
      // An InvalidOptions naming the variable, and an Error: a rejected runPromise prints its message.
      expect(error).toBeInstanceOf(Error)
      expect(error).toMatchObject({ _tag: "InvalidOptions", option: name })
      expect((error as Error).message).toMatch(new RegExp(`^${name} must be`))
      expect(requests).toHaveLength(0)
    })
  )

  it.effect("a missing SOCIAVAULT_API_KEY fails the layer, with no request", () =>
    Effect.gen(function* () {
      const { run, requests } = fromEnv({})
      const error = yield* Effect.flip(run)
      expect(error).toBeInstanceOf(Error)
      expect((error as Error).message).toBe("SOCIAVAULT_API_KEY must be set to the SociaVault API key")
      expect(requests).toHaveLength(0)
    })
  )
})

describe("version", () => {
  it("VERSION is package.json's version, and the User-Agent names the SDK", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))
    expect(VERSION).toBe(manifest.version)
    expect(USER_AGENT).toContain("@sociavault-credits/core")
  })
})
