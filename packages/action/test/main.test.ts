/**
 * The action from source, as the typescript-action template tests it: @actions/core replaced by a recording fake,
 * HTTP by a fake HttpClient, inputs through the program's input seam. No process, no network.
 */
import { Effect, Exit, Layer } from "effect"
import { HttpClient, type HttpClientRequest, HttpClientResponse } from "effect/http"
import { beforeEach, describe, expect, it, vi } from "vitest"

const recorded = vi.hoisted(() => ({
  secrets: [] as Array<string>,
  outputs: {} as Record<string, string>,
  infos: [] as Array<string>,
  warnings: [] as Array<string>,
  failures: [] as Array<string>,
  summary: [] as Array<unknown>
}))

vi.mock("@actions/core", () => ({
  getInput: () => "",
  setSecret: (secret: string) => void recorded.secrets.push(secret),
  setOutput: (name: string, value: string) => {
    recorded.outputs[name] = value
  },
  info: (line: string) => void recorded.infos.push(line),
  warning: (line: string) => void recorded.warnings.push(line),
  debug: () => undefined,
  setFailed: (line: string) => void recorded.failures.push(line),
  summary: {
    addHeading(this: unknown) {
      return this
    },
    addTable(this: unknown, rows: unknown) {
      recorded.summary.push(rows)
      return this
    },
    write: async () => undefined
  }
}))

const { program, describe: describeFailure } = await import("../src/main.js")

const KEY = "sk_live_action_0123456789"

const fakeHttp = (status: number, body: unknown) => {
  const requests: Array<string> = []
  const client = HttpClient.make((request: HttpClientRequest.HttpClientRequest, url) => {
    requests.push(url.href)
    return Effect.succeed(HttpClientResponse.fromWeb(request, new Response(JSON.stringify(body), { status })))
  })
  return { requests, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

const balance = { credits: 950, subscriptionStatus: "active", subscriptionId: "sub_1" }

const runWith = async (inputs: Record<string, string>, http = fakeHttp(200, balance)) => {
  const input = (name: string) => ({ "api-key": KEY, "base-url": "https://api.example.test", ...inputs })[name] ?? ""
  const exit = await Effect.runPromiseExit(Effect.provide(program(input), http.layer))
  return { exit, requests: http.requests }
}

beforeEach(() => {
  recorded.secrets.length = 0
  recorded.infos.length = 0
  recorded.warnings.length = 0
  recorded.failures.length = 0
  recorded.summary.length = 0
  for (const name of Object.keys(recorded.outputs)) delete recorded.outputs[name]
  process.env.GITHUB_STEP_SUMMARY = "/dev/null"
})

describe("program (from source)", () => {
  it("masks the key before anything else, reads the balance, sets every output", async () => {
    const { exit, requests } = await runWith({ "min-credits": "100" })
    expect(Exit.isSuccess(exit)).toBe(true)
    expect(recorded.secrets).toEqual([KEY])
    expect(requests).toEqual(["https://api.example.test/v1/credits"])
    expect(recorded.outputs).toEqual({
      credits: "950",
      "subscription-status": "active",
      "subscription-id": "sub_1",
      "below-threshold": "false"
    })
  })

  it("below min-credits: outputs first, then a GateFailed naming the input", async () => {
    const { exit } = await runWith({ "min-credits": "951" })
    expect(recorded.outputs["below-threshold"]).toBe("true")
    expect(Exit.isFailure(exit)).toBe(true)
    if (Exit.isFailure(exit)) {
      const error = exit.cause.reasons[0]
      expect(error).toMatchObject({ error: { _tag: "GateFailed" } })
      expect(describeFailure((error as unknown as { error: never }).error)).toBe(
        "SociaVault balance is 950 credits, below min-credits 951"
      )
    }
  })

  it("warns below warn-credits and passes", async () => {
    const { exit } = await runWith({ "warn-credits": "1000" })
    expect(Exit.isSuccess(exit)).toBe(true)
    expect(recorded.warnings).toEqual(["SociaVault balance is 950 credits, below warn-credits 1000"])
  })

  it.each([
    [{ "min-credits": "0x10" }, 'min-credits must be a whole number >= 0, got "0x10"'],
    [{ "max-retries": "1e1" }, 'max-retries must be a whole number from 0 to 10, got "1e1"'],
    [{ "api-key": " " }, "api-key must be"],
    [{ "api-key": "" }, "api-key is required"]
  ])("bad input %j is refused before any request: %s", async (inputs, message) => {
    const { exit, requests } = await runWith(inputs)
    expect(requests).toEqual([])
    expect(recorded.outputs).toEqual({})
    expect(Exit.isFailure(exit)).toBe(true)
    if (Exit.isFailure(exit)) {
      const error = (exit.cause.reasons[0] as { error: Parameters<typeof describeFailure>[0] }).error
      expect(describeFailure(error).startsWith(message)).toBe(true)
    }
  })

  it("a base URL the SDK refuses is named as the input, base-url", async () => {
    const { exit, requests } = await runWith({ "base-url": "http://api.example.test" })
    expect(requests).toEqual([])
    if (Exit.isFailure(exit)) {
      const error = (exit.cause.reasons[0] as { error: Parameters<typeof describeFailure>[0] }).error
      expect(describeFailure(error).startsWith("base-url must be an absolute https URL")).toBe(true)
    } else {
      expect.unreachable("the step should fail")
    }
  })

  it("an id with line breaks and controls cannot add lines or markup to outputs and the summary", async () => {
    const hostile = { ...balance, subscriptionId: "sub\n\n![x](https://tracker.example/p.png)\u001b[31m\u202e" }
    await runWith({}, fakeHttp(200, hostile))
    for (const control of ["\n", "\u001b", "\u202e"]) expect(recorded.outputs["subscription-id"]).not.toContain(control)
    const cells = JSON.stringify(recorded.summary)
    expect(cells).not.toContain("\\n")
    expect(cells).not.toContain("\\u001b")
    expect(cells).not.toContain("![x](")
    expect(cells).toContain("&#33;&#91;x&#93;&#40;")
  })
})
