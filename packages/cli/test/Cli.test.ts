/**
 * The command from source, on a fake HttpClient: exit codes, output, every bad flag, the key, --help, --version.
 */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as TestClock from "effect/testing/TestClock"
import { check, flags, type Input, VERSION } from "../src/Cli.js"
import { API_KEY, balanceBody, cli, fakeApi, OK } from "./harness.js"

const reply = (balance: Parameters<typeof balanceBody>[0]) => [{ status: 200, body: balanceBody(balance) }]

describe("exit codes and output", () => {
  it.effect("exits 0 at or above --min-credits, reading the balance once with the key", () =>
    Effect.gen(function* () {
      const run = yield* cli(["--min-credits", "950"])
      expect(run.code).toBe(0)
      expect(run.stdout).toBe(
        "SociaVault balance: 950 credits (subscription active, sub_cli_1)\nok: at or above --min-credits 950"
      )
      expect(run.stderr).toBe("")
      expect(run.requests).toHaveLength(1)
      expect(run.requests[0]!.url).toBe("https://api.sociavault.com/v1/credits")
      expect(run.requests[0]!.headers["x-api-key"]).toBe(API_KEY)
    })
  )

  it.effect("exits 0 with no flags at all (--min-credits 0)", () =>
    Effect.gen(function* () {
      const run = yield* cli([], { replies: reply({ credits: 0, subscriptionStatus: "active" }) })
      expect(run.code).toBe(0)
      expect(run.stdout).toContain("ok: at or above --min-credits 0")
    })
  )

  it.effect("exits 1 below --min-credits", () =>
    Effect.gen(function* () {
      const run = yield* cli(["--min-credits", "951"])
      expect(run.code).toBe(1)
      expect(run.stdout).toContain("fail: below --min-credits 951")
      expect(run.stdout).not.toContain("ok:")
    })
  )

  it.effect("exits 1 on an overdrawn account", () =>
    Effect.gen(function* () {
      const run = yield* cli([], { replies: reply({ credits: -3, subscriptionStatus: "active" }) })
      expect(run.code).toBe(1)
      expect(run.stdout).toContain("SociaVault balance: -3 credits")
    })
  )

  it.effect("warns below --warn-credits and still exits 0", () =>
    Effect.gen(function* () {
      const run = yield* cli(["--warn-credits", "1000"])
      expect(run.code).toBe(0)
      expect(run.stdout).toContain("warning: below --warn-credits 1000")
      expect(run.stdout).toContain("ok: at or above --min-credits 0")
    })
  )

  it.effect("does not warn at --warn-credits", () =>
    Effect.gen(function* () {
      const run = yield* cli(["--warn-credits", "950"])
      expect(run.code).toBe(0)
      expect(run.stdout).not.toContain("warning")
    })
  )

  it.effect("--require-active exits 1 on an inactive subscription; without it the check passes", () =>
    Effect.gen(function* () {
      const cancelled = reply({ credits: 5000, subscriptionStatus: "cancelled", subscriptionId: null })
      const lax = yield* cli([], { replies: cancelled })
      expect(lax.code).toBe(0)
      expect(lax.stdout).toContain("(subscription cancelled)")
      const strict = yield* cli(["--require-active"], { replies: cancelled })
      expect(strict.code).toBe(1)
      expect(strict.stdout).toContain("fail: subscription is cancelled, and --require-active is set")
      const active = yield* cli(["--require-active"])
      expect(active.code).toBe(0)
    })
  )

  it.effect("--json prints exactly one JSON object and nothing else", () =>
    Effect.gen(function* () {
      const run = yield* cli(["--min-credits", "1000", "--warn-credits", "2000", "--require-active", "--json"])
      expect(run.code).toBe(1)
      expect(run.stderr).toBe("")
      expect(run.stdout.split("\n")).toHaveLength(1)
      expect(JSON.parse(run.stdout)).toStrictEqual({
        ok: false,
        credits: 950,
        subscriptionStatus: "active",
        subscriptionId: "sub_cli_1",
        minCredits: 1000,
        warnCredits: 2000,
        requireActive: true,
        belowMinimum: true,
        belowWarning: true,
        inactive: false
      })
    })
  )

  it.effect("--json on a passing check", () =>
    Effect.gen(function* () {
      const run = yield* cli(["--json"], { replies: reply({ credits: 7, subscriptionStatus: "past_due" }) })
      expect(run.code).toBe(0)
      expect(JSON.parse(run.stdout)).toStrictEqual({
        ok: true,
        credits: 7,
        subscriptionStatus: "past_due",
        subscriptionId: "sub_cli_1",
        minCredits: 0,
        warnCredits: null,
        requireActive: false,
        belowMinimum: false,
        belowWarning: false,
        inactive: false
      })
    })
  )

  it.effect("exits 2 on an API error: on stderr in text, as JSON on stdout with --json; the key never shows", () =>
    Effect.gen(function* () {
      const text = yield* cli([], { replies: [{ status: 401 }] })
      expect(text.code).toBe(2)
      expect(text.stdout).toBe("")
      expect(text.stderr).toBe(
        "error: SociaVault rejected the API key (HTTP 401): check that the key is set, complete and not revoked"
      )
      const json = yield* cli(["--json"], { replies: [{ status: 401 }] })
      expect(json.code).toBe(2)
      expect(json.stderr).toBe("")
      expect(JSON.parse(json.stdout)).toStrictEqual({
        ok: false,
        error: {
          _tag: "Unauthorized",
          message: "SociaVault rejected the API key (HTTP 401): check that the key is set, complete and not revoked"
        }
      })
      expect(text.stdout + text.stderr + json.stdout).not.toContain(API_KEY)
    })
  )

  it.effect("exits 2 on a network error after --max-retries", () =>
    Effect.gen(function* () {
      const run = yield* cli(["--max-retries", "0"], { replies: [{ fail: "transport" }] })
      expect(run.code).toBe(2)
      expect(run.stderr).toContain("could not be reached")
      expect(run.requests).toHaveLength(1)
    })
  )

  it.effect("retries up to --max-retries", () =>
    Effect.gen(function* () {
      const fiber = yield* Effect.forkChild(cli(["--max-retries", "1"], { replies: [{ status: 503 }, OK] }))
      yield* TestClock.adjust("10 seconds")
      const run = yield* Fiber.join(fiber)
      expect(run.code).toBe(0)
      expect(run.requests).toHaveLength(2)
    })
  )

  it.effect("exits 2 when no balance comes within --timeout", () =>
    Effect.gen(function* () {
      const fiber = yield* Effect.forkChild(
        cli(["--timeout", "1.5", "--max-retries", "0"], { replies: [{ hang: true }] })
      )
      yield* TestClock.adjust("2 seconds")
      const run = yield* Fiber.join(fiber)
      expect(run.code).toBe(2)
      expect(run.stderr).toContain("did not answer in time (no balance within the 1.5s timeout)")
    })
  )

  it.effect("keeps a path prefix of --base-url", () =>
    Effect.gen(function* () {
      const run = yield* cli(["--base-url", "https://gateway.example/sociavault/"])
      expect(run.code).toBe(0)
      expect(run.requests[0]!.url).toBe("https://gateway.example/sociavault/v1/credits")
    })
  )
})

/** The control characters in a text, line breaks aside. */
const controlsIn = (text: string) =>
  [...text].filter((c) => c !== "\n" && (c < " " || (c >= "\u007f" && c <= "\u009f")))

describe("control characters from the API", () => {
  const hostile = "sub_\u001b[2Jx\u009b31m\u0007"

  it.effect("are neutralised in text", () =>
    Effect.gen(function* () {
      const run = yield* cli([], {
        replies: reply({ credits: 5, subscriptionStatus: "active", subscriptionId: hostile })
      })
      expect(run.stdout).toContain("(subscription active, sub_?[2Jx?31m?)")
      expect(controlsIn(run.stdout)).toEqual([])
    })
  )

  it.effect("are escaped in JSON, which still reads back as sent", () =>
    Effect.gen(function* () {
      const run = yield* cli(["--json"], {
        replies: reply({ credits: 5, subscriptionStatus: "active", subscriptionId: hostile })
      })
      expect(controlsIn(run.stdout)).toEqual([])
      expect(JSON.parse(run.stdout).subscriptionId).toBe(hostile)
    })
  )

  it.effect("are neutralised in an error quoting the API's body", () =>
    Effect.gen(function* () {
      const run = yield* cli([], {
        replies: [{ status: 200, body: "<html>\u001b[31m\u009b2J</html>" }]
      })
      expect(run.code).toBe(2)
      expect(run.stderr).toContain("error: SociaVault answered HTTP 200 with a body that is not a credit balance")
      expect(controlsIn(run.stderr)).toEqual([])
    })
  )
})

describe("bad flags: refused naming the flag, before any request", () => {
  const credits = "a whole number >= 0"
  const retries = "a whole number from 0 to 10"
  const seconds = "a number of seconds above 0 and up to 3600"
  const url =
    "an absolute https URL (http only for localhost or a loopback address), without credentials, query or fragment"
  it.effect.each([
    ["--min-credits", "0x10", credits],
    ["--min-credits", "1e3", credits],
    ["--min-credits", "-5", credits],
    ["--min-credits", "2.5", credits],
    ["--min-credits", "lots", credits],
    ["--min-credits", "", credits],
    ["--min-credits", "9999999999999999", credits],
    ["--warn-credits", "0x10", credits],
    ["--warn-credits", "-1", credits],
    ["--warn-credits", "1.5", credits],
    ["--max-retries", "11", retries],
    ["--max-retries", "-1", retries],
    ["--max-retries", "1.5", retries],
    ["--max-retries", "0x1", retries],
    ["--timeout", "0", seconds],
    ["--timeout", "-5", seconds],
    ["--timeout", "3601", seconds],
    ["--timeout", "1e3", seconds],
    ["--timeout", "lots", seconds],
    ["--base-url", "http://api.sociavault.com", url],
    ["--base-url", "ftp://api.sociavault.com", url],
    ["--base-url", "api.sociavault.com", url],
    ["--base-url", "https://api.sociavault.com/?x=1", url]
  ] as const)("%s %j", ([flag, value, expected]) =>
    Effect.gen(function* () {
      for (const json of [false, true]) {
        const run = yield* cli([flag, value, ...(json ? ["--json"] : [])])
        expect(run.code).toBe(2)
        expect(run.stderr).toContain(`error: ${flag} must be ${expected}, got `)
        expect(run.stdout).toBe("")
        expect(run.requests).toHaveLength(0)
      }
    })
  )

  it.effect("quotes the value exactly as typed", () =>
    Effect.gen(function* () {
      const run = yield* cli(["--min-credits", "0x10"])
      expect(run.stderr.split("\n")[0]).toBe('error: --min-credits must be a whole number >= 0, got "0x10"')
      expect(run.stderr).toContain("Run 'sociavault-credits --help' for the flags.")
    })
  )

  it.effect("does not echo credentials in a refused --base-url", () =>
    Effect.gen(function* () {
      const run = yield* cli(["--base-url", "http://user:hunter2@api.sociavault.com"])
      expect(run.code).toBe(2)
      expect(run.stderr).toContain("--base-url must be")
      expect(run.stderr).not.toContain("hunter2")
    })
  )

  it.effect.each([
    [["--bogus"], "--bogus"],
    [["--min-credits"], "--min-credits"],
    [["extra"], "extra"]
  ] as const)("refuses %j", ([args, named]) =>
    Effect.gen(function* () {
      const run = yield* cli(args)
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/^error: /)
      expect(run.stderr).toContain(named)
      expect(run.requests).toHaveLength(0)
    })
  )

  it.effect("keeps effect/cli's suggestion readable, and neutralises control characters typed in a flag", () =>
    Effect.gen(function* () {
      const typo = yield* cli(["--jsn"])
      expect(typo.code).toBe(2)
      expect(typo.stderr).toContain("error: Unrecognized flag: --jsn")
      expect(typo.stderr).toContain("Did you mean this?\n    --json")
      const hostile = yield* cli(["--\u001b[2J"])
      expect(hostile.code).toBe(2)
      expect(controlsIn(hostile.stderr)).toEqual([])
    })
  )

  it.effect("accepts the edges of every range", () =>
    Effect.gen(function* () {
      const run = yield* cli([
        "--min-credits",
        "0",
        "--warn-credits",
        "0",
        "--max-retries",
        "10",
        "--timeout",
        "3600",
        "--base-url",
        "http://localhost:8080"
      ])
      expect(run.code).toBe(0)
      expect(run.requests[0]!.url).toBe("http://localhost:8080/v1/credits")
    })
  )
})

describe("the API key", () => {
  it.effect.each([
    ["unset", null],
    ["empty", ""]
  ] as const)("%s: exits 2 naming SOCIAVAULT_API_KEY, before any request", ([, key]) =>
    Effect.gen(function* () {
      const run = yield* cli([], { key })
      expect(run.code).toBe(2)
      expect(run.stderr).toBe("error: SOCIAVAULT_API_KEY is required: export the SociaVault API key in the environment")
      expect(run.requests).toHaveLength(0)
      const json = yield* cli(["--json"], { key })
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { _tag: "MissingApiKey" } })
    })
  )

  it.effect("with whitespace: refused naming SOCIAVAULT_API_KEY, not echoed, before any request", () =>
    Effect.gen(function* () {
      const run = yield* cli([], { key: "sk_live_secret\n" })
      expect(run.code).toBe(2)
      expect(run.stderr).toContain("error: SOCIAVAULT_API_KEY must be a non-empty key")
      expect(run.stderr).not.toContain("sk_live_secret")
      expect(run.requests).toHaveLength(0)
    })
  )
})

describe("check", () => {
  const input: Input = {
    minCredits: 0,
    warnCredits: Option.none(),
    requireActive: false,
    baseUrl: "https://api.sociavault.com",
    timeout: 30,
    maxRetries: 3,
    json: false
  }

  // The flags are checked first; should the SDK refuse an option anyway, the error names the flag, not the option.
  it.effect.each([
    [{ baseUrl: "http://api.sociavault.com" }, "--base-url must be"],
    [{ maxRetries: 11 }, "--max-retries must be"],
    [{ timeout: 7200 }, "--timeout must be"]
  ] as const)("names the flag of an option the SDK refused: %j", ([override, message]) =>
    Effect.gen(function* () {
      const api = fakeApi([OK])
      const report = yield* check({ ...input, ...override }).pipe(
        Effect.provide(api.layer),
        Effect.provide(ConfigProvider.layer(ConfigProvider.fromEnvRecord({ SOCIAVAULT_API_KEY: API_KEY })))
      )
      expect(report).toMatchObject({ ok: false, error: { _tag: "InvalidOptions" } })
      expect("error" in report && report.error.message.startsWith(message)).toBe(true)
      expect(api.requests).toHaveLength(0)
    })
  )
})

/** A flag's entry in --help, its wrapped lines joined: the row, then the lines indented under its description. */
const entryOf = (help: string, flag: string): string => {
  const lines = help.split("\n")
  const start = lines.findIndex((l) => l.trimStart().startsWith(`${flag} `))
  if (start === -1) return ""
  const column = lines[start]!.search(/\S\s{2,}\S/) + 1
  const rest = lines.slice(start + 1)
  const end = rest.findIndex((l) => !/^\s+$/.test(l.slice(0, column + 2)) || l.trim() === "")
  return [lines[start]!, ...rest.slice(0, end === -1 ? rest.length : end)].map((l) => l.trim()).join(" ")
}

describe("--help and --version", () => {
  it.effect("--help lists every flag with its default, the key's variable and the exit codes", () =>
    Effect.gen(function* () {
      const run = yield* cli(["--help"], { key: null })
      expect(run.code).toBe(0)
      expect(run.requests).toHaveLength(0)
      for (const [flag, fallback] of [
        ["--min-credits", "(default 0)"],
        ["--warn-credits", "(default: no warning)"],
        ["--require-active", "(default: off)"],
        ["--base-url", "(default https://api.sociavault.com)"],
        ["--timeout", "(default 30)"],
        ["--max-retries", "(default 3)"],
        ["--json", "(default: off)"]
      ]) {
        expect(entryOf(run.stdout, flag), flag).toContain(fallback)
      }
      expect(Object.keys(flags)).toHaveLength(7)
      expect(run.stdout).toContain("SOCIAVAULT_API_KEY")
      expect(run.stdout).toContain("Exit codes: 0 at or above the thresholds, 1 below --min-credits")
      expect(run.stdout).toContain("2 any error")
    })
  )

  it.effect("--version prints the version alone", () =>
    Effect.gen(function* () {
      const run = yield* cli(["--version"], { key: null })
      expect(run.code).toBe(0)
      expect(run.stdout).toBe(VERSION)
      expect(run.requests).toHaveLength(0)
    })
  )

  it.effect("--help is coloured on a terminal only, and never with NO_COLOR or TERM=dumb", () =>
    Effect.gen(function* () {
      const csi = "\u001b["
      expect((yield* cli(["--help"], { key: null, terminal: true })).stdout).toContain(csi)
      expect((yield* cli(["--help"], { key: null, terminal: false })).stdout).not.toContain(csi)
      expect((yield* cli(["--help"], { key: null, terminal: false, env: { FORCE_COLOR: "1" } })).stdout).not.toContain(
        csi
      )
      expect((yield* cli(["--help"], { key: null, terminal: true, env: { NO_COLOR: "1" } })).stdout).not.toContain(csi)
      expect((yield* cli(["--help"], { key: null, terminal: true, env: { TERM: "dumb" } })).stdout).not.toContain(csi)
      // NO_COLOR set but empty means unset (no-color.org).
      expect((yield* cli(["--help"], { key: null, terminal: true, env: { NO_COLOR: "" } })).stdout).toContain(csi)
    })
  )

  it("VERSION is package.json's version", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
    expect(VERSION).toBe(pkg.version)
  })
})

describe("--help wraps to the terminal", () => {
  it.effect.each([[["--help"]], [["watch", "--help"]]] as const)(
    "%j: every section after a blank line, every example on one line",
    ([args]) =>
      Effect.gen(function* () {
        const run = yield* cli(args, { key: null, columns: 80 })
        const lines = run.stdout.split("\n")
        const sections = lines.flatMap((line, i) => (/^[A-Z][A-Z ]+$/.test(line) && i > 0 ? [lines[i - 1]] : []))
        expect(sections.length).toBeGreaterThan(2)
        for (const before of sections) expect(before).toBe("")
        // An example is a command to copy: it never continues on the next line.
        const examples = lines.slice(lines.indexOf("EXAMPLES"))
        for (const [i, line] of examples.entries()) {
          if (line.trim().startsWith("sociavault-credits ")) expect(examples[i + 1]?.trim() ?? "").not.toMatch(/^--/)
        }
      })
  )

  const widest = (text: string) => Math.max(...text.split("\n").map((line) => line.length))

  it.effect.each([[80], [60], [120]] as const)("at %i columns, no line is wider, and no word is lost", ([columns]) =>
    Effect.gen(function* () {
      for (const args of [["--help"], ["watch", "--help"]]) {
        const run = yield* cli(args, { key: null, columns })
        expect(run.code).toBe(0)
        expect(widest(run.stdout), args.join(" ")).toBeLessThanOrEqual(columns)
        // The longest description, whole once its lines are joined.
        expect(entryOf(run.stdout, "--base-url")).toContain(
          "an absolute https URL (http only for localhost or a loopback address), without credentials, query or fragment (default https://api.sociavault.com)."
        )
      }
    })
  )

  it.effect("keeps a default with its value on one line", () =>
    Effect.gen(function* () {
      const run = yield* cli(["--help"], { key: null, columns: 80 })
      for (const fallback of ["(default https://api.sociavault.com).", "(default 30).", "(default 3)."]) {
        expect(run.stdout).toContain(fallback)
      }
    })
  )

  it.effect("uses the width of a wide terminal rather than 80", () =>
    Effect.gen(function* () {
      const run = yield* cli(["--help"], { key: null, columns: 200 })
      expect(widest(run.stdout)).toBeGreaterThan(80)
      expect(widest(run.stdout)).toBeLessThanOrEqual(200)
    })
  )

  it.effect("says the check needs no subcommand", () =>
    Effect.gen(function* () {
      const run = yield* cli(["--help"], { key: null })
      expect(run.stdout).toContain("USAGE\n  sociavault-credits [flags]\n  sociavault-credits watch [flags]")
      expect(run.stdout).not.toContain("<subcommand>")
    })
  )
})

describe("a key given as a flag", () => {
  const secret = "sk_live_typed_on_the_command_line"

  it.effect.each([
    [["--api-key", secret], "--api-key"],
    [[`--api-key=${secret}`], "--api-key"],
    [["--apikey", secret, "--json"], "--apikey"],
    [["--key", secret], "--key"],
    [["--min-credits", "5", "--api_key", secret], "--api_key"],
    [["watch", "--api-key", secret], "--api-key"]
  ] as const)("%j: points at SOCIAVAULT_API_KEY, never shows the value, sends nothing", ([args, flag]) =>
    Effect.gen(function* () {
      const run = yield* cli(args)
      expect(run.code).toBe(2)
      expect(run.stderr.split("\n")[0]).toBe(
        `error: ${flag} is not a flag: the API key is read from SOCIAVAULT_API_KEY only, so that it stays out of shell history and process lists; export SOCIAVAULT_API_KEY instead (the value given was not used or shown)`
      )
      expect(run.stderr.split("\n")).toHaveLength(2)
      expect(run.stdout + run.stderr).not.toContain(secret)
      expect(run.stdout + run.stderr).not.toContain("sk_live")
      expect(run.requests).toHaveLength(0)
    })
  )
})

describe("a flag given twice", () => {
  it.effect.each([[["--json", "--json"]], [["--require-active", "--require-active", "--json"]]] as const)(
    "a switch given twice is given: %j",
    ([args]) =>
      Effect.gen(function* () {
        const run = yield* cli(args)
        expect(run.code).toBe(0)
        expect(run.stderr).toBe("")
        expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, credits: 950 })
        expect(JSON.parse(run.stdout).requireActive).toBe((args as ReadonlyArray<string>).includes("--require-active"))
      })
  )

  it.effect("--json=false after --json turns it off again", () =>
    Effect.gen(function* () {
      const run = yield* cli(["--json", "--json=false"])
      expect(run.code).toBe(0)
      expect(run.stdout).toContain("SociaVault balance: 950 credits")
    })
  )

  it.effect('a flag with a value, given twice, is refused saying so, not as "2 occurrences"', () =>
    Effect.gen(function* () {
      const run = yield* cli(["--min-credits", "5", "--min-credits", "6"])
      expect(run.code).toBe(2)
      expect(run.stderr.split("\n")[0]).toBe("error: --min-credits was given 2 times: give it once")
      expect(run.stderr).not.toContain("occurrences")
      expect(run.requests).toHaveLength(0)
    })
  )
})
