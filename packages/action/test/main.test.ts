/**
 * The action from source, as the typescript-action template tests it: @actions/core replaced by a recording fake,
 * HTTP by a fake HttpClient, inputs through the program's input seam. No process, no network.
 */
import { Effect, Exit } from "effect"
import { beforeEach, describe, expect, it, vi } from "vitest"
import { fakeCore, newRecording, resetRecording } from "./support/fakeCore.js"
import { BALANCE as balance, fakeHttp, KEY } from "./support/fakeHttp.js"

const recorded = vi.hoisted(() => ({}) as ReturnType<typeof newRecording>)
vi.mock("@actions/core", () => fakeCore(Object.assign(recorded, newRecording())))

const { program, describe: describeFailure } = await import("../src/main.js")

const runWith = async (inputs: Record<string, string>, http = fakeHttp({ status: 200, body: balance })) => {
  const input = (name: string) => ({ "api-key": KEY, "base-url": "https://api.example.test", ...inputs })[name] ?? ""
  const exit = await Effect.runPromiseExit(Effect.provide(program(input), http.layer))
  return { exit, requests: http.requests }
}

const tables = () =>
  recorded.summary.filter(
    (part): part is { table: unknown } => typeof part === "object" && part !== null && "table" in part
  )

beforeEach(() => {
  resetRecording(recorded)
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
      "below-threshold": "false",
      outcome: "passed"
    })
  })

  it("below min-credits: outputs first, then a GateFailed naming the input", async () => {
    const { exit } = await runWith({ "min-credits": "951" })
    expect(recorded.outputs["below-threshold"]).toBe("true")
    expect(recorded.outputs.outcome).toBe("below_threshold")
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

  it.each(["past_due", "inactive", "cancelled"])(
    "a %s subscription without require-active-subscription passes with a warning naming the status",
    async (status) => {
      const { exit } = await runWith({}, fakeHttp({ status: 200, body: { ...balance, subscriptionStatus: status } }))
      expect(Exit.isSuccess(exit)).toBe(true)
      expect(recorded.warnings).toHaveLength(1)
      expect(recorded.warnings[0]).toContain(`subscription is ${status}, not active`)
      expect(recorded.warnings[0]).toContain("require-active-subscription")
    }
  )

  it.each([
    [{ "min-credits": "0x10" }, 'min-credits must be a whole number >= 0, got "0x10"'],
    [{ "max-retries": "1e1" }, 'max-retries must be a whole number from 0 to 10, got "1e1"'],
    [{ "api-key": " " }, "api-key must be"],
    [{ "api-key": "" }, "api-key is required"],
    [{ "max-spend": "-5" }, 'max-spend must be a whole number >= 0, got "-5"'],
    [{ "max-spend": "lots" }, 'max-spend must be a whole number >= 0, got "lots"'],
    [{ "max-spend": "1.5" }, 'max-spend must be a whole number >= 0, got "1.5"'],
    [{ "track-spend": "yes" }, 'track-spend must be true or false, got "yes"']
  ])("bad input %j is refused before any request: %s", async (inputs, message) => {
    const { exit, requests } = await runWith(inputs)
    expect(requests).toEqual([])
    // Only the outcome: no balance output claims a value that was never read.
    expect(recorded.outputs).toEqual({ outcome: "invalid_input" })
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
    await runWith({}, fakeHttp({ status: 200, body: hostile }))
    for (const control of ["\n", "\u001b", "\u202e"]) expect(recorded.outputs["subscription-id"]).not.toContain(control)
    const cells = JSON.stringify(tables())
    expect(cells).not.toContain("\\n")
    expect(cells).not.toContain("\\u001b")
    expect(cells).not.toContain("![x](")
    expect(cells).toContain("&#33;&#91;x&#93;&#40;")
  })
})

describe("failures leave a summary and an outcome (from source)", () => {
  it("401: outcome unauthorized, a summary with what failed, the status, request id and server words, never the key", async () => {
    const http = fakeHttp({ status: 401, body: { error: `bad key ${KEY}` }, headers: { "x-request-id": "req_42" } })
    const { exit } = await runWith({}, http)
    expect(Exit.isFailure(exit)).toBe(true)
    expect(recorded.outputs).toEqual({ outcome: "unauthorized" })
    const summary = JSON.stringify(recorded.summary)
    expect(summary).toContain("SociaVault rejected the API key &#40;HTTP 401&#41;")
    expect(tables()).toEqual([
      {
        table: [
          [
            { data: "Outcome", header: true },
            { data: "HTTP status", header: true },
            { data: "Request id", header: true },
            { data: "Server said", header: true }
          ],
          ["unauthorized", "401", "req&#95;42", expect.stringMatching(/^bad key /)]
        ]
      }
    ])
    expect(summary).not.toContain(KEY)
  })

  it("an outage: outcome server_error, the server's request id, words and the attempts in the summary", async () => {
    const http = fakeHttp({
      status: 503,
      body: { message: `down for maintenance, key ${KEY}` },
      headers: { "x-request-id": "req_503" }
    })
    const { exit } = await runWith({ "max-retries": "0" }, http)
    expect(Exit.isFailure(exit)).toBe(true)
    expect(recorded.outputs).toEqual({ outcome: "server_error" })
    const [table] = tables()
    expect(table).toEqual({
      table: [
        [
          { data: "Outcome", header: true },
          { data: "HTTP status", header: true },
          { data: "Attempts", header: true },
          { data: "Request id", header: true },
          { data: "Server said", header: true }
        ],
        ["server&#95;error", "503", "1", "req&#95;503", expect.stringContaining("down for maintenance")]
      ]
    })
    expect(JSON.stringify(recorded.summary)).not.toContain(KEY)
  })

  it("a bad input: outcome invalid_input and a summary naming the input", async () => {
    await runWith({ "min-credits": "<b>lots</b>" })
    const summary = JSON.stringify(recorded.summary)
    expect(summary).toContain("min-credits must be a whole number")
    // The input's own text is escaped: it cannot add markup to the summary.
    expect(summary).not.toContain("<b>")
  })

  it("no summary file (older GitHub Enterprise Server): the failure is still one line, no crash", async () => {
    delete process.env.GITHUB_STEP_SUMMARY
    const { exit } = await runWith({}, fakeHttp({ status: 401 }))
    expect(Exit.isFailure(exit)).toBe(true)
    expect(recorded.summary).toEqual([])
    expect(recorded.outputs).toEqual({ outcome: "unauthorized" })
  })
})

describe("retries are visible (from source)", () => {
  it("503, 503, 200: a ::debug:: line per retry, and one info line saying the check needed retries", async () => {
    const http = fakeHttp({ status: 503 }, { status: 503 }, { status: 200, body: balance })
    const { exit, requests } = await runWith({}, http)
    expect(Exit.isSuccess(exit)).toBe(true)
    expect(requests).toHaveLength(3)
    expect(recorded.debugs).toHaveLength(2)
    expect(recorded.debugs[0]).toMatch(/^attempt 1 of 4 failed \(HTTP 503\); retrying in \d/)
    expect(recorded.debugs[1]).toMatch(/^attempt 2 of 4 failed \(HTTP 503\); retrying in \d/)
    expect(recorded.infos.filter((line) => line.includes("after 2 retries"))).toHaveLength(1)
  })

  it("a first-time answer says nothing about retries", async () => {
    await runWith({})
    expect(recorded.debugs.filter((line) => line.includes("retrying"))).toEqual([])
    expect(recorded.infos.filter((line) => line.includes("retr"))).toEqual([])
  })
})

describe("the starting balance for the post step (from source)", () => {
  it("is saved, without the key, when track-spend is on (the default)", async () => {
    await runWith({})
    expect(recorded.state["start-credits"]).toBe("950")
    expect(Number(recorded.state["started-at"])).toBeGreaterThan(0)
    expect(JSON.stringify(recorded.state)).not.toContain(KEY)
  })

  it("is saved also when the gate fails, so the post step can still report the spend", async () => {
    await runWith({ "min-credits": "5000" })
    expect(recorded.state["start-credits"]).toBe("950")
  })

  it("is not saved with track-spend false, nor when no balance was read", async () => {
    await runWith({ "track-spend": "false" })
    expect(recorded.state).toEqual({})
    await runWith({}, fakeHttp({ status: 401 }))
    expect(recorded.state).toEqual({})
  })
})
