#!/usr/bin/env node
/**
 * `sociavault-fake-server`: the fake SociaVault API as a command, to try the SDK, the CLI and the action without
 * an account. Prints its URL alone on the first line of stdout, logs each request on stderr, and runs until
 * interrupted. Used by the action's self-test workflow too. `--help` lists the flags; the package README explains
 * them.
 */
import { STATUS_CODES } from "node:http"
import { parseArgs } from "node:util"
import { type Balance, DEMO_API_KEY, DEMO_BALANCE, type Fault, startFakeSociaVault } from "./index.js"

const NAME = "sociavault-fake-server"
const STATUSES = ["active", "inactive", "cancelled", "past_due"]

const HELP = `Usage: ${NAME} [options]

A fake SociaVault API (GET /v1/credits) on loopback, to try the SDK, the CLI and the action without an account.
It prints its URL alone on the first line of stdout, logs each request on stderr, and runs until interrupted.

Options:
  --port N              the port; 0 picks a free one (default 0)
  --host HOST           the address to listen on (default 127.0.0.1)
  --key KEY             the API key it accepts (default ${DEMO_API_KEY})
  --credits N           the balance, a whole number; a negative one as --credits=-5 (default ${DEMO_BALANCE.credits})
  --status STATUS       active, inactive, cancelled or past_due (default ${DEMO_BALANCE.subscriptionStatus})
  --subscription-id ID  the subscription id, "" for none (default ${DEMO_BALANCE.subscriptionId})
  --spend N             credits spent per read: the balance falls by N after each successful read, to demo
                        sociavault-credits watch (default 0)
  --fault FAULT         answer the next request with FAULT instead of the balance; repeat it to fault the
                        requests after that one, in order; then it answers normally
  -h, --help            show this help

Faults:
  NNN                   that HTTP status (400 to 599), e.g. 500, 503, 401, 404
  NNN:SECONDS           that status with a Retry-After header, e.g. 503:2
  rate-limit[:SECONDS]  429 Too Many Requests, with Retry-After when SECONDS is given
  hang                  accept the request and never answer (the client's timeout fires)
  reset                 reset the connection without an answer
  bad-body              200 with a body that is not JSON
  redirect:URL          302 to URL (the SDK follows it on the same origin only)

Example:
  ${NAME} --port 8787 --credits 120 --fault 503 --fault rate-limit:1
  ${NAME} --port 8787 --spend 5 &   # then: sociavault-credits watch --interval 2 --base-url ...
  SOCIAVAULT_API_KEY=${DEMO_API_KEY} npx @sociavault-credits/cli --base-url http://127.0.0.1:8787`

/** A flag's value is unusable: the message names it and says what it takes. */
class UsageError extends Error {}

const wholeNumber = (flag: string, text: string, range?: readonly [number, number]): number => {
  const value = Number(text)
  const [min, max] = range ?? [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    const expected = range === undefined ? "a whole number" : `a whole number from ${min} to ${max}`
    throw new UsageError(`${flag} must be ${expected}, got ${JSON.stringify(text)}`)
  }
  return value
}

const seconds = (fault: string, text: string) => {
  if (!/^\d+$/.test(text)) {
    throw new UsageError(`--fault ${fault}: Retry-After must be a whole number of seconds, got ${JSON.stringify(text)}`)
  }
  return text
}

/** One `--fault` value as a fault of the server. */
const parseFault = (text: string): Fault => {
  const [kind = "", ...rest] = text.split(":")
  const arg = rest.length === 0 ? undefined : rest.join(":")
  if (kind === "hang" && arg === undefined) return { kind: "hang" }
  if (kind === "reset" && arg === undefined) return { kind: "reset" }
  if (kind === "bad-body" && arg === undefined) return { kind: "body", body: "<html>not json</html>" }
  if (kind === "rate-limit")
    return arg === undefined ? { kind: "rateLimit" } : { kind: "rateLimit", retryAfter: seconds(text, arg) }
  if (kind === "redirect" && arg !== undefined) {
    if (!URL.canParse(arg)) throw new UsageError(`--fault ${text}: the redirect needs an absolute URL`)
    return { kind: "redirect", location: arg }
  }
  if (/^\d{3}$/.test(kind) && Number(kind) >= 400 && Number(kind) <= 599) {
    const status = Number(kind)
    const body = JSON.stringify({ error: STATUS_CODES[status] ?? "Error" })
    const headers: Record<string, string> = { "content-type": "application/json" }
    if (arg !== undefined) headers["retry-after"] = seconds(text, arg)
    return { kind: "status", status, body, headers }
  }
  throw new UsageError(
    `--fault takes NNN (400 to 599), NNN:SECONDS, rate-limit[:SECONDS], hang, reset, bad-body or redirect:URL, got ${JSON.stringify(text)}`
  )
}

const describeFault = (fault: Fault): string => {
  switch (fault.kind) {
    case "status":
      return `fault: ${fault.status}${fault.headers?.["retry-after"] ? ` with Retry-After ${fault.headers["retry-after"]}` : ""}`
    case "rateLimit":
      return `fault: 429${fault.retryAfter === undefined ? "" : ` with Retry-After ${fault.retryAfter}`}`
    case "reset":
      return "fault: connection reset"
    case "hang":
      return "fault: hanging, never answered"
    case "body":
      return "fault: 200 with a body that is not JSON"
    case "redirect":
      return `fault: redirect to ${fault.location}`
    case "stream":
      return `fault: a body that ${fault.then === "stall" ? "stalls" : fault.then === "endless" ? "never ends" : "is sent raw"}`
    case "echoHeaders":
      return "fault: the request's headers echoed back"
  }
}

interface Settings {
  readonly host: string
  readonly port: number
  readonly key: string
  readonly balance: Balance
  readonly spendPerRead: number
  readonly faults: ReadonlyArray<Fault>
}

const options = {
  port: { type: "string", default: "0" },
  host: { type: "string", default: "127.0.0.1" },
  key: { type: "string", default: DEMO_API_KEY },
  credits: { type: "string", default: String(DEMO_BALANCE.credits) },
  status: { type: "string", default: DEMO_BALANCE.subscriptionStatus },
  "subscription-id": { type: "string", default: DEMO_BALANCE.subscriptionId ?? "" },
  spend: { type: "string", default: "0" },
  fault: { type: "string", multiple: true, default: [] as Array<string> },
  help: { type: "boolean", short: "h", default: false }
} as const

const readFlags = (args: Array<string>) => parseArgs({ args, options, strict: true, allowPositionals: false })

const parse = (args: Array<string>): Settings | "help" => {
  let values: ReturnType<typeof readFlags>["values"]
  try {
    values = readFlags(args).values
  } catch (error) {
    // node:util's messages name the flag; some span lines.
    throw new UsageError(String((error as Error).message).replace(/\s*\n\s*/g, " "))
  }
  if (values.help) return "help"
  if (!STATUSES.includes(values.status)) {
    throw new UsageError(`--status must be one of ${STATUSES.join(", ")}, got ${JSON.stringify(values.status)}`)
  }
  if (values.key.trim() === "" || /\s/.test(values.key)) {
    throw new UsageError(`--key must be a non-empty key without spaces, got ${JSON.stringify(values.key)}`)
  }
  if (values.host.trim() === "") throw new UsageError("--host must not be empty")
  return {
    host: values.host,
    port: wholeNumber("--port", values.port, [0, 65535]),
    key: values.key,
    balance: {
      credits: wholeNumber("--credits", values.credits),
      subscriptionStatus: values.status,
      subscriptionId: values["subscription-id"] === "" ? null : values["subscription-id"]
    },
    spendPerRead: wholeNumber("--spend", values.spend, [0, 1_000_000_000]),
    faults: values.fault.map(parseFault)
  }
}

const fail = (message: string, code: number): never => {
  process.stderr.write(`${NAME}: ${message}\n`)
  process.exit(code)
}

const main = async () => {
  let settings: Settings | "help"
  try {
    settings = parse(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    return fail(`${error.message} (see --help)`, 2)
  }
  if (settings === "help") return void process.stdout.write(`${HELP}\n`)

  const { host, port, key, balance, spendPerRead, faults } = settings
  const server = await startFakeSociaVault({ host, port, users: { [key]: balance }, spendPerRead }).catch(
    (error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code
      if (code === "EADDRINUSE")
        return fail(`port ${port} on ${host} is in use; pick another with --port (0 for any free one)`, 1)
      if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EACCES") {
        return fail(`cannot listen on ${host}:${port} (${code}); check --host and --port`, 1)
      }
      throw error
    }
  )
  server.enqueue(...faults)

  process.stdout.write(`${server.url}\n`)
  const subscription = `${balance.subscriptionStatus}, ${balance.subscriptionId ?? "no subscription id"}`
  process.stderr.write(
    `${NAME}: listening on ${server.url}; key ${key}; balance ${balance.credits} credits (${subscription}); ` +
      `${spendPerRead === 0 ? "" : `spending ${spendPerRead} per read; `}${faults.length} fault(s) queued; Ctrl-C to stop\n`
  )

  // One line per request: the faults answer the first requests, in order, then the balance does.
  void (async () => {
    for (let seen = 1; ; seen++) {
      await server.waitForRequests(seen)
      const request = server.requests[seen - 1]!
      const fault = faults[seen - 1]
      const answer = fault === undefined ? "" : ` (${describeFault(fault)})`
      process.stderr.write(`${NAME}: request ${seen}: ${request.method} ${request.path}${answer}\n`)
    }
  })()

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void server.close().then(() => process.exit(0)))
  }
}

await main()
