/**
 * action.yml is what workflow authors read: its inputs and defaults must be the ones the action applies, which
 * come from @sociavault-credits/rules. A default changed in one place and not the other fails here.
 */
import { readFileSync } from "node:fs"
import * as Rules from "@sociavault-credits/rules"
import { describe, expect, it } from "vitest"
import { parse } from "yaml"
import { OUTPUTS } from "../packages/action/src/report.js"

interface ActionYml {
  readonly inputs: Record<string, { readonly default?: string; readonly required?: boolean }>
  readonly outputs: Record<string, unknown>
  readonly runs: { readonly using: string; readonly main: string; readonly post?: string; readonly "post-if"?: string }
}

const action = parse(readFileSync(new URL("../action.yml", import.meta.url), "utf8")) as ActionYml
const names = Rules.SETTINGS

describe("action.yml", () => {
  it("declares exactly the inputs the action reads, by their shared names", () => {
    const read = [
      names.apiKey,
      names.minCredits,
      names.warnCredits,
      names.requireActive,
      names.baseUrl,
      names.timeout,
      names.maxRetries,
      names.maxSpend,
      names.trackSpend
    ]
    expect(Object.keys(action.inputs).sort()).toEqual(read.map((setting) => setting.input).sort())
  })

  it("gives the defaults the shared rules give", () => {
    const defaults = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default]))
    expect(defaults).toEqual({
      [names.apiKey.input]: undefined,
      [names.minCredits.input]: String(Rules.MIN_CREDITS.default),
      [names.warnCredits.input]: "",
      [names.requireActive.input]: "false",
      [names.baseUrl.input]: Rules.DEFAULT_BASE_URL,
      [names.timeout.input]: String(Rules.TIMEOUT_SECONDS.default),
      [names.maxRetries.input]: String(Rules.MAX_RETRIES.default),
      [names.maxSpend.input]: "",
      [names.trackSpend.input]: String(Rules.TRACK_SPEND.default)
    })
    expect(action.inputs[names.apiKey.input]!.required).toBe(true)
  })

  it("states the limits the rules enforce", () => {
    expect(JSON.stringify(action.inputs[names.timeout.input])).toContain(String(Rules.TIMEOUT_SECONDS.max))
    expect(JSON.stringify(action.inputs[names.maxRetries.input])).toContain(
      `from ${Rules.MAX_RETRIES.min} to ${Rules.MAX_RETRIES.max}`
    )
  })

  it("runs the committed bundles on node24: the check, and a post step after every job, failed or not", () => {
    expect(action.runs).toEqual({ using: "node24", main: "dist/index.js", post: "dist/post.js", "post-if": "always()" })
  })

  it("declares exactly the outputs the action sets", () => {
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(OUTPUTS).sort())
  })

  it("lists every outcome the action can report", () => {
    const outcomes = [...Object.values(Rules.GATE_OUTCOMES), ...Object.values(Rules.OUTCOME_BY_TAG)]
    const description = JSON.stringify(action.outputs.outcome)
    for (const outcome of outcomes) expect(description).toContain(outcome)
  })
})
