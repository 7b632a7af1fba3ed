/**
 * The post step from source: the state the main step saved, the balance read again, the spend reported and judged
 * against max-spend. @actions/core is the recording fake; HTTP a fake HttpClient.
 */
import { Effect, Exit } from "effect"
import { beforeEach, describe, expect, it, vi } from "vitest"
import { fakeCore, newRecording, resetRecording } from "./support/fakeCore.js"
import { BALANCE, fakeHttp, KEY } from "./support/fakeHttp.js"

const recorded = vi.hoisted(() => ({}) as ReturnType<typeof newRecording>)
vi.mock("@actions/core", () => fakeCore(Object.assign(recorded, newRecording())))

const { postProgram, describePost } = await import("../src/spend.js")

const HOUR = 3_600_000

/** The state the main step saves: the starting balance and when, here half an hour ago. */
const started = (credits: number, agoMillis = HOUR / 2) => ({
  "start-credits": String(credits),
  "started-at": String(Date.now() - agoMillis)
})

const runPost = async (
  inputs: Record<string, string>,
  state: Record<string, string>,
  http = fakeHttp({ status: 200, body: BALANCE })
) => {
  const input = (name: string) => ({ "api-key": KEY, "base-url": "https://api.example.test", ...inputs })[name] ?? ""
  const exit = await Effect.runPromiseExit(
    Effect.provide(
      postProgram(input, (name) => state[name] ?? ""),
      http.layer
    )
  )
  const failure = Exit.isFailure(exit)
    ? describePost((exit.cause.reasons[0] as unknown as { error: Parameters<typeof describePost>[0] }).error)
    : undefined
  return { exit, failure, requests: http.requests }
}

beforeEach(() => {
  resetRecording(recorded)
  process.env.GITHUB_STEP_SUMMARY = "/dev/null"
})

describe("post step (from source)", () => {
  it("reports the spend as a notice and a summary: before, after, spent, duration, burn rate", async () => {
    const { exit, requests } = await runPost({}, started(1010))
    expect(Exit.isSuccess(exit)).toBe(true)
    expect(requests).toEqual(["https://api.example.test/v1/credits"])
    expect(recorded.notices).toHaveLength(1)
    expect(recorded.notices[0]).toMatch(
      /^SociaVault credits spent during this job: 60 \(1010 → 950 in 30m, 1[12]\d\/h\)$/
    )
    const summary = JSON.stringify(recorded.summary)
    expect(summary).toContain("SociaVault credits spent during this job")
    expect(summary).toContain('["1010","950","60","30m"')
    // The balance is the account's, not the job's: the summary says so.
    expect(summary).toContain("whatever else used the account")
  })

  it("a top-up is reported as such, never as a negative spend, and passes any max-spend", async () => {
    const { exit } = await runPost({ "max-spend": "0" }, started(900))
    expect(Exit.isSuccess(exit)).toBe(true)
    expect(recorded.notices[0]).toContain("rose by 50 credits during this job (a top-up)")
    expect(JSON.stringify(recorded.summary)).toContain("Topped up")
    expect(JSON.stringify(recorded.summary)).not.toContain("-50")
  })

  it("fails with one line when the job spent more than max-spend", async () => {
    const { exit, failure } = await runPost({ "max-spend": "59" }, started(1010))
    expect(Exit.isFailure(exit)).toBe(true)
    expect(failure).toBe(
      "SociaVault credits spent during this job: 60, more than max-spend 59 (balance now 950); every client of the account counts, not only this job"
    )
  })

  it("passes when the job spent exactly max-spend", async () => {
    const { exit } = await runPost({ "max-spend": "60" }, started(1010))
    expect(Exit.isSuccess(exit)).toBe(true)
  })

  it("no starting balance (the main step failed before reading one): no request, success", async () => {
    const { exit, requests } = await runPost({ "max-spend": "10" }, {})
    expect(Exit.isSuccess(exit)).toBe(true)
    expect(requests).toEqual([])
    expect(recorded.notices).toEqual([])
  })

  it("track-spend false: no request, nothing reported", async () => {
    const { exit, requests } = await runPost({ "track-spend": "false" }, started(1010))
    expect(Exit.isSuccess(exit)).toBe(true)
    expect(requests).toEqual([])
    expect(recorded.notices).toEqual([])
  })

  it("the API failing at the end without max-spend: a warning, success", async () => {
    const { exit } = await runPost({ "max-retries": "0" }, started(1010), fakeHttp({ status: 503 }))
    expect(Exit.isSuccess(exit)).toBe(true)
    expect(recorded.warnings).toHaveLength(1)
    expect(recorded.warnings[0]).toMatch(/^The credits spent during this job are unknown: SociaVault answered HTTP 503/)
  })

  it("the API failing at the end with max-spend: the spend cannot be verified, one failing line", async () => {
    const { exit, failure } = await runPost(
      { "max-retries": "0", "max-spend": "100" },
      started(1010),
      fakeHttp({ status: 401 })
    )
    expect(Exit.isFailure(exit)).toBe(true)
    expect(failure).toMatch(
      /^The credits spent during this job could not be checked against max-spend: SociaVault rejected the API key/
    )
    expect(failure).not.toContain(KEY)
  })

  it("masks the key again: the post step is a process of its own", async () => {
    await runPost({}, started(1010))
    expect(recorded.secrets).toEqual([KEY])
  })
})
