/**
 * The conformance suite: every behaviour a user of either SDK relies on, checked over real HTTP against the fake
 * SociaVault server on loopback. Written once; each SDK's test folder calls `runConformance` with its adapter
 * (sdk.ts). Expected texts come from @sociavault-credits/rules, which both SDKs use for their messages.
 *
 * Real clock and short timeouts: waits are avoided with `Retry-After: 0` or few retries, so one backoff (400 to
 * 600 ms) is the longest wait of most tests. Every call is raced against a deadline (`within`), so a behaviour
 * that goes missing fails an assertion instead of hanging until vitest's timeout.
 */

import { gzipSync } from "node:zlib"
import {
  DEMO_API_KEY,
  DEMO_BALANCE,
  type FakeSociaVault,
  type Fault,
  startFakeSociaVault
} from "@sociavault-credits/fake-server"
import * as Rules from "@sociavault-credits/rules"
import { afterEach, assert, beforeEach, describe, expect, it } from "vitest"
import {
  type BalanceView,
  type ClientOptions,
  type ClientUnderTest,
  type ErrorView,
  type GuardOptions,
  type LogView,
  type MetricsView,
  type Outcome,
  type SdkUnderTest,
  type SpanView,
  TRANSPORTS
} from "./sdk.js"
import { type CountingServer, startPlainServer, startTlsServer, TEST_CA } from "./tls.js"

const { Messages, EXPECTED, SPANS } = Rules

/** The longest any single call of the suite may take before the test fails. */
const CALL_DEADLINE_MILLIS = 2_500

/** The shortest backoff before a first retry: BACKOFF.baseMillis at the lowest jitter. */
const MIN_FIRST_BACKOFF_MILLIS = Rules.backoffMillis(1, 0)

const times = (count: number, fault: Fault): ReadonlyArray<Fault> => Array.from({ length: count }, () => fault)

const serverError = (status: number, retryAfter?: string): Fault =>
  retryAfter === undefined
    ? { kind: "status", status }
    : { kind: "status", status, headers: { "retry-after": retryAfter } }

const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis))

/** A promise the test resolves when it chooses: `opened` resolves once `open` is called. */
const gate = () => {
  let open!: () => void
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { opened, open }
}

/**
 * Awaits `promise`, failing the test by assertion when it has not settled within `millis`, or when it rejects: an
 * adapter rejects on a defect or an interruption, which no call may end with.
 */
const within = async <A>(millis: number, promise: Promise<A>): Promise<A> => {
  const late = Symbol("late")
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<typeof late>((resolve) => {
    timer = setTimeout(() => resolve(late), millis)
  })
  const settled = promise.catch((defect: unknown) => assert.fail(`a defect, not a typed outcome: ${String(defect)}`))
  try {
    const result = await Promise.race([settled, deadline])
    expect(result === late, `no answer within ${millis} ms`).toBe(false)
    return result as A
  } finally {
    clearTimeout(timer)
  }
}

/** Runs `f`, and how long it took in milliseconds. */
const timed = async <A>(f: () => Promise<A>): Promise<{ readonly value: A; readonly millis: number }> => {
  const start = performance.now()
  const value = await f()
  return { value, millis: performance.now() - start }
}

const balanceOf = (outcome: Outcome): BalanceView => {
  if (!outcome.ok) assert.fail(`expected a balance, got ${outcome.error._tag}: ${outcome.error.message}`)
  return outcome.balance
}

const errorOf = (outcome: Outcome): ErrorView => {
  if (outcome.ok) assert.fail(`expected an error, got a balance of ${outcome.balance.credits}`)
  return outcome.error
}

const countOf = (metrics: MetricsView, outcome: Rules.Outcome) => metrics.requests[outcome] ?? 0

/** Every outcome's count in `after` minus `before`. */
const deltas = (before: MetricsView, after: MetricsView) =>
  Object.fromEntries(Rules.OUTCOMES.map((outcome) => [outcome, countOf(after, outcome) - countOf(before, outcome)]))

/** The InvalidOptions a shared check's refusal means for `option`. */
const invalidOptions = (option: string, checked: Rules.Checked<unknown>) => {
  if (checked.ok) assert.fail(`the shared check accepts the value given for ${option}`)
  return {
    _tag: "InvalidOptions",
    option,
    expected: checked.expected,
    message: Messages.invalid(option, checked.expected, checked.received)
  }
}

/**
 * A key that is also a valid hostname label (lowercase letters, digits, hyphens), so that a server can put it into
 * a redirect's host as it is. No prefix or suffix of it of MIN_SECRET_PIECE characters occurs in any message.
 */
const HOSTILE_KEY = "sk-live-7f3a9c2e5b1d4fzq"

/** Every piece of `key` no output may contain: the key, and each prefix and suffix of MIN_SECRET_PIECE or more characters. */
const keyPieces = (key: string): ReadonlyArray<string> => {
  const pieces = new Set<string>()
  for (let length = Rules.MIN_SECRET_PIECE; length <= key.length; length++) {
    pieces.add(key.slice(0, length))
    pieces.add(key.slice(key.length - length))
  }
  return [...pieces]
}

/** Fails naming the first piece of `key` that `text` contains. */
const expectNoKeyPiece = (text: string, key: string = HOSTILE_KEY) => {
  for (const piece of keyPieces(key)) {
    expect(text.includes(piece), `${JSON.stringify(piece)}, a piece of the key, in ${JSON.stringify(text)}`).toBe(false)
  }
}

/** An error's message and every field of it, free of the key and of its pieces. */
const expectKeyFree = (error: ErrorView, key: string = HOSTILE_KEY) => {
  expectNoKeyPiece(error.message, key)
  expectNoKeyPiece(JSON.stringify(error), key)
}

/** A `stream` fault: `body` sent as it is, then `ending` (end, stall or endless; the fake server calls it `then`). */
const streamed = (
  body: string | Uint8Array,
  ending: "end" | "stall" | "endless",
  more: { readonly status?: number; readonly headers?: Record<string, string> } = {}
): Fault =>
  // biome-ignore lint/suspicious/noThenProperty: the fake server's name for how a streamed body ends
  ({ kind: "stream", body, then: ending, ...more })

/** Bytes of a body. */
const bytes = (text: string) => new TextEncoder().encode(text)

/** How much a gzip bomb inflates to: well past MAX_BODY_BYTES, and more than a client should ever hold. */
const BOMB_INFLATED_BYTES = 32 * 1024 * 1024

/** A gzip bomb (some 32 KB inflating to 32 MB), made once per test file, when a test first asks for it. */
let bomb: Uint8Array | undefined
const gzipBomb = (): Uint8Array => {
  bomb ??= gzipSync(Buffer.alloc(BOMB_INFLATED_BYTES, 0x20), { level: 9 })
  return bomb
}

/** A balance body whose subscriptionId holds bytes that are not UTF-8 (0xff 0xfe). */
const notUtf8Body = (): Uint8Array => {
  const before = bytes('{"credits":1,"subscriptionStatus":"active","subscriptionId":"sub_')
  const after = bytes('"}')
  return Uint8Array.from([...before, 0xff, 0xfe, ...after])
}

/** JSON nested `depth` arrays deep: a parser or formatter that recurses overflows its stack on it. */
const nestedArrays = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`

/** A balance whose subscriptionStatus is an object of about `size` characters. */
const bigStatusObject = (size: number) => {
  const subscriptionStatus = Object.fromEntries(Array.from({ length: size / 20 }, (_, i) => [`k${i}`, "v".repeat(10)]))
  return JSON.stringify({ credits: 1, subscriptionStatus, subscriptionId: null })
}

/** The longest message an error about a hostile body may have: the shared wording plus a bounded detail. */
const SHORT_MESSAGE = 500

/**
 * Declares the conformance suite for one SDK.
 */
export const runConformance = (sdk: SdkUnderTest): void => {
  describe(`conformance: ${sdk.name}`, () => {
    let server: FakeSociaVault
    const cleanups: Array<() => Promise<void>> = []

    beforeEach(async () => {
      server = await startFakeSociaVault()
    })

    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
      await server.close()
    })

    const managed = (client: ClientUnderTest) => {
      cleanups.push(() => client.dispose())
      return client
    }

    /** A client of the fake server with the demo key, and these options over that. */
    const client = (options: Partial<ClientOptions> = {}, guard?: GuardOptions) =>
      managed(sdk.make({ apiKey: DEMO_API_KEY, baseUrl: server.url, ...options }, guard))

    const fromEnv = (env: Readonly<Record<string, string>>) => managed(sdk.makeFromEnv(env))

    const anotherServer = async () => {
      const other = await startFakeSociaVault()
      cleanups.push(() => other.close())
      return other
    }

    const call = (c: ClientUnderTest) => within(CALL_DEADLINE_MILLIS, c.getCredits())

    /** One call with these options, expected to fail. */
    const failing = async (options: Partial<ClientOptions> = {}) => errorOf(await call(client(options)))

    /** One call with these options, expected to succeed. */
    const succeeding = async (options: Partial<ClientOptions> = {}) => balanceOf(await call(client(options)))

    describe("a balance", () => {
      it("is read from GET /v1/credits, as the API sends it", async () => {
        const balance = await succeeding()
        expect(balance).toEqual({ ...DEMO_BALANCE, isActive: true })
        expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/credits"])
      })

      it("carries the key in X-API-Key, Accept: application/json and a User-Agent", async () => {
        await succeeding()
        const headers = server.requests[0]!.headers
        expect(headers[Rules.API_KEY_HEADER]).toBe(DEMO_API_KEY)
        expect(headers.accept).toBe("application/json")
        expect(headers["user-agent"]).toMatch(/^sociavault-credits\/\d+\.\d+\.\d+ \(@sociavault-credits\/core/)
      })

      it.for([
        ["active", true],
        ["inactive", false],
        ["cancelled", false],
        ["past_due", false]
      ] as const)("subscription %s: isActive is %s", async ([subscriptionStatus, isActive]) => {
        server.setBalance(DEMO_API_KEY, { credits: 7, subscriptionStatus, subscriptionId: "sub_1" })
        expect(await succeeding()).toEqual({ credits: 7, subscriptionStatus, subscriptionId: "sub_1", isActive })
      })

      it("a null subscriptionId, and zero or negative (overdrawn) credits", async () => {
        server.setBalance(DEMO_API_KEY, { credits: 0, subscriptionStatus: "inactive", subscriptionId: null })
        expect(await succeeding()).toMatchObject({ credits: 0, subscriptionId: null })
        server.setBalance(DEMO_API_KEY, { credits: -42, subscriptionStatus: "past_due", subscriptionId: null })
        expect(await succeeding()).toMatchObject({ credits: -42, subscriptionStatus: "past_due", isActive: false })
      })

      it("an absent subscriptionId reads as null, and fields the API adds are ignored", async () => {
        server.enqueue({
          kind: "body",
          body: JSON.stringify({ credits: 5, subscriptionStatus: "active", plan: "pro", extra: [1] })
        })
        expect(await succeeding()).toEqual({
          credits: 5,
          subscriptionStatus: "active",
          subscriptionId: null,
          isActive: true
        })
      })
    })

    describe("statuses", () => {
      it.for([401, 403])("HTTP %i is Unauthorized, not retried", async (status) => {
        server.enqueue({ kind: "status", status, body: '{"error":"Unauthorized"}' })
        const error = await failing({ maxRetries: 3 })
        expect(error).toMatchObject({
          _tag: "Unauthorized",
          status,
          message: Messages.unauthorized(status, { serverMessage: "Unauthorized" })
        })
        expect(server.requests).toHaveLength(1)
      })

      it("a key the API does not know is Unauthorized", async () => {
        const error = await failing({ apiKey: "sk_test_not_a_known_key" })
        expect(error).toMatchObject({ _tag: "Unauthorized", status: 401 })
        expect(server.requests[0]!.headers[Rules.API_KEY_HEADER]).toBe("sk_test_not_a_known_key")
      })

      it("HTTP 404 (the key's user is gone) is NotFound, not retried", async () => {
        server.setBalance(DEMO_API_KEY, null)
        const error = await failing({ maxRetries: 3 })
        expect(error).toMatchObject({
          _tag: "NotFound",
          message: Messages.notFound({ serverMessage: "User not found" })
        })
        expect(server.requests).toHaveLength(1)
      })

      it.for([500, 502, 503, 504])(
        "HTTP %i is retried, then ServerError counting the attempts the server saw",
        async (status) => {
          server.enqueue(...times(5, serverError(status, "0")))
          const error = await failing({ maxRetries: 2 })
          expect(error).toMatchObject({ _tag: "ServerError", status, attempts: 3 })
          expect(error.message).toBe(Messages.serverError(status, 3))
          expect(server.requests).toHaveLength(3)
        }
      )

      it("HTTP 501 is a ServerError, not retried: the server will never do this", async () => {
        server.enqueue(...times(5, serverError(501, "0")))
        const error = await failing({ maxRetries: 3 })
        expect(error).toMatchObject({ _tag: "ServerError", status: 501, attempts: 1 })
        expect(error.message).toBe(Messages.serverError(501, 1))
        expect(server.requests).toHaveLength(1)
      })

      it.for([400, 402, 418])("HTTP %i is UnexpectedStatus, not retried", async (status) => {
        server.enqueue(...times(5, serverError(status, "0")))
        const error = await failing({ maxRetries: 3 })
        expect(error).toMatchObject({ _tag: "UnexpectedStatus", status, attempts: 1 })
        expect(error.redirect).toBeUndefined()
        expect(error.message).toBe(Messages.unexpectedStatus(status, 1))
        expect(server.requests).toHaveLength(1)
      })

      it("HTTP 408 is retried, then UnexpectedStatus", async () => {
        server.enqueue(...times(5, { kind: "status", status: 408 }))
        const error = await failing({ maxRetries: 1 })
        expect(error).toMatchObject({ _tag: "UnexpectedStatus", status: 408, attempts: 2 })
        expect(error.message).toBe(Messages.unexpectedStatus(408, 2))
        expect(server.requests).toHaveLength(2)
      })

      it("HTTP 429 without Retry-After is RateLimited", async () => {
        server.enqueue({ kind: "rateLimit" })
        const error = await failing({ maxRetries: 0 })
        expect(error).toMatchObject({ _tag: "RateLimited", attempts: 1 })
        expect(error.retryAfter).toBeUndefined()
        expect(error.message).toBe(Messages.rateLimited(1, undefined))
      })

      it("HTTP 429 with Retry-After is RateLimited, carrying the wait asked for", async () => {
        server.enqueue({ kind: "rateLimit", retryAfter: "7" })
        const error = await failing({ maxRetries: 0 })
        expect(error).toMatchObject({ _tag: "RateLimited", attempts: 1, retryAfter: 7_000 })
        expect(error.message).toBe(Messages.rateLimited(1, 7_000))
      })

      it("HTTP 429 is retried until the retries are spent", async () => {
        server.enqueue(...times(5, { kind: "rateLimit", retryAfter: "0" }))
        const error = await failing({ maxRetries: 2 })
        expect(error).toMatchObject({ _tag: "RateLimited", attempts: 3, retryAfter: 0 })
        expect(error.message).toBe(Messages.rateLimited(3, 0))
        expect(server.requests).toHaveLength(3)
      })

      it("a 5xx's message says what the server said and its request id", async () => {
        server.enqueue({
          kind: "status",
          status: 503,
          body: JSON.stringify({ message: "down for maintenance" }),
          headers: { "content-type": "application/json", "x-request-id": "req_123" }
        })
        const error = await failing({ maxRetries: 0 })
        const details = { serverMessage: "down for maintenance", requestId: "req_123" }
        expect(error).toMatchObject({ _tag: "ServerError", status: 503, attempts: 1, ...details })
        expect(error.message).toBe(Messages.serverError(503, 1, details))
      })

      it.each([
        [401, "Unauthorized"],
        [403, "Unauthorized"],
        [404, "NotFound"]
      ] as const)("a %i carries what the server said and its request id too (%s)", async (status, tag) => {
        server.enqueue({
          kind: "status",
          status,
          body: JSON.stringify({ error: "key revoked on 2026-11-30" }),
          headers: { "content-type": "application/json", "x-request-id": "req_auth_7" }
        })
        const error = await failing({ maxRetries: 0 })
        const details = { serverMessage: "key revoked on 2026-11-30", requestId: "req_auth_7" }
        expect(error).toMatchObject({ _tag: tag, ...details })
        expect(error.message).toBe(
          tag === "NotFound" ? Messages.notFound(details) : Messages.unauthorized(status, details)
        )
        expect(server.requests).toHaveLength(1)
      })

      it("an unexpected status's message says what the server said, as text or as a JSON error", async () => {
        server.enqueue({ kind: "status", status: 400, body: "missing header" })
        const text = await failing({ maxRetries: 0 })
        expect(text).toMatchObject({ _tag: "UnexpectedStatus", status: 400, serverMessage: "missing header" })
        expect(text.message).toBe(Messages.unexpectedStatus(400, 1, { serverMessage: "missing header" }))
        server.enqueue({ kind: "status", status: 402, body: JSON.stringify({ error: "Payment required" }) })
        expect(await failing({ maxRetries: 0 })).toMatchObject({ status: 402, serverMessage: "Payment required" })
      })

      it("what the server said is made safe: the key scrubbed, controls neutralised, the length bounded", async () => {
        const said = `key ${DEMO_API_KEY} is\u001b[31m bad ${"y".repeat(500)}`
        server.enqueue({
          kind: "status",
          status: 500,
          body: JSON.stringify({ message: said }),
          headers: { "x-request-id": `id-${DEMO_API_KEY}` }
        })
        const error = await failing({ maxRetries: 0 })
        expect(error.serverMessage).toBe(Rules.serverText(said, DEMO_API_KEY))
        expect(error.requestId).toBe(Rules.serverText(`id-${DEMO_API_KEY}`, DEMO_API_KEY, 100))
        expect(error.message).not.toContain(DEMO_API_KEY)
        expect(error.message).not.toContain("\u001b")
        expect(error.message).toContain(Rules.REDACTED)
      })

      it("no error carries the API key", async () => {
        const other = await anotherServer()
        const faults: ReadonlyArray<Fault> = [
          { kind: "status", status: 401, body: DEMO_API_KEY },
          { kind: "status", status: 404 },
          { kind: "status", status: 500, body: `bad key ${DEMO_API_KEY}`, headers: { "request-id": DEMO_API_KEY } },
          { kind: "status", status: 418, body: JSON.stringify({ error: DEMO_API_KEY.slice(3) }) },
          { kind: "rateLimit", retryAfter: "9" },
          { kind: "status", status: 400 },
          { kind: "body", body: `not a balance, ${DEMO_API_KEY}` },
          { kind: "body", body: JSON.stringify({ credits: DEMO_API_KEY, subscriptionStatus: "active" }) },
          { kind: "reset" },
          { kind: "redirect", location: `${other.url}/v1/credits?key=x` }
        ]
        for (const fault of faults) {
          server.enqueue(fault)
          const error = await failing({ maxRetries: 0 })
          expect(error.message).not.toContain(DEMO_API_KEY)
          expect(JSON.stringify(error)).not.toContain(DEMO_API_KEY)
        }
      })
    })

    describe("retries", () => {
      it.for([0, 1, 2])("maxRetries %i: that many requests after the first", async (maxRetries) => {
        server.enqueue(...times(5, serverError(503, "0")))
        const error = await failing({ maxRetries })
        expect(error).toMatchObject({ _tag: "ServerError", attempts: maxRetries + 1 })
        expect(server.requests).toHaveLength(maxRetries + 1)
      })

      it("a 503 without Retry-After is retried after a backoff, then succeeds", async () => {
        server.enqueue(serverError(503))
        const { value, millis } = await timed(() => succeeding({ maxRetries: 1 }))
        expect(value.credits).toBe(DEMO_BALANCE.credits)
        expect(server.requests).toHaveLength(2)
        expect(millis).toBeGreaterThanOrEqual(MIN_FIRST_BACKOFF_MILLIS - 50)
      })

      it("a 429 without Retry-After is retried after a backoff, then succeeds", async () => {
        server.enqueue({ kind: "rateLimit" })
        const { value, millis } = await timed(() => succeeding({ maxRetries: 1 }))
        expect(value.credits).toBe(DEMO_BALANCE.credits)
        expect(server.requests).toHaveLength(2)
        expect(millis).toBeGreaterThanOrEqual(MIN_FIRST_BACKOFF_MILLIS - 50)
      })

      it.for([
        ["Retry-After: 0", "0"],
        ["a Retry-After date in the past", new Date(Date.now() - 60_000).toUTCString()]
      ])("%s replaces the backoff: the retry comes at once", async ([, retryAfter]) => {
        // Three backoffs would take at least 0.4 + 0.8 + 1.6 s.
        server.enqueue(...times(3, { kind: "rateLimit", retryAfter }))
        const { value, millis } = await timed(() => succeeding({ maxRetries: 3 }))
        expect(value.credits).toBe(DEMO_BALANCE.credits)
        expect(server.requests).toHaveLength(4)
        expect(millis).toBeLessThan(1_000)
      })

      it("a reset connection is retried, then succeeds", async () => {
        server.enqueue({ kind: "reset" })
        expect((await succeeding()).credits).toBe(DEMO_BALANCE.credits)
        expect(server.requests).toHaveLength(2)
      })

      it("resets on every attempt end in TransportError (Connection)", async () => {
        server.enqueue(...times(5, { kind: "reset" }))
        const error = await failing({ maxRetries: 1 })
        expect(error).toMatchObject({ _tag: "TransportError", reason: "Connection", attempts: 2 })
        expect(error.message).toBe(Messages.transport("Connection", String(error.detail), 2))
        expect(server.requests).toHaveLength(2)
      })

      it.for([
        ["429", "RateLimited", { kind: "rateLimit", retryAfter: "60" }],
        ["503", "ServerError", serverError(503, "60")]
      ] as const)(
        "a %s whose Retry-After is longer than the time left fails at once with %s",
        async ([, tag, fault]) => {
          server.enqueue(fault)
          const { value: error, millis } = await timed(() => failing({ timeoutMillis: 2_000, maxRetries: 3 }))
          expect(error).toMatchObject({ _tag: tag, attempts: 1, retryAfter: 60_000 })
          expect(server.requests).toHaveLength(1)
          expect(millis).toBeLessThan(1_000)
        }
      )
    })

    describe("timeouts", () => {
      it("a retry whose backoff would end past the deadline is not made: the last failure comes at once", async () => {
        server.enqueue(...times(5, serverError(503)))
        const { value: error, millis } = await timed(() => failing({ timeoutMillis: 300, maxRetries: 3 }))
        expect(error).toMatchObject({ _tag: "ServerError", status: 503, attempts: 1 })
        expect(server.requests).toHaveLength(1)
        expect(millis).toBeLessThan(250)
      })

      it("the whole call is bounded by timeoutMillis: TransportError (Timeout)", async () => {
        server.enqueue(...times(10, { kind: "hang" }))
        const { value: error, millis } = await timed(() => failing({ timeoutMillis: 300, maxRetries: 3 }))
        expect(error).toMatchObject({
          _tag: "TransportError",
          reason: "Timeout",
          detail: Messages.overallTimeout(300),
          attempts: 1
        })
        expect(error.message).toBe(Messages.transport("Timeout", Messages.overallTimeout(300), 1))
        expect(server.requests).toHaveLength(1)
        expect(millis).toBeGreaterThanOrEqual(250)
        expect(millis).toBeLessThan(1_500)
      })

      it("each attempt is bounded by attemptTimeoutMillis, and a hung attempt is retried", async () => {
        server.enqueue({ kind: "hang" })
        const { value, millis } = await timed(() => succeeding({ attemptTimeoutMillis: 200, timeoutMillis: 2_000 }))
        expect(value.credits).toBe(DEMO_BALANCE.credits)
        expect(server.requests).toHaveLength(2)
        expect(millis).toBeGreaterThanOrEqual(200)
      })

      it("an attempt that times out with no retry left says so", async () => {
        server.enqueue(...times(3, { kind: "hang" }))
        const { value: error, millis } = await timed(() =>
          failing({ attemptTimeoutMillis: 200, timeoutMillis: 2_000, maxRetries: 0 })
        )
        expect(error).toMatchObject({ _tag: "TransportError", reason: "Timeout", attempts: 1 })
        expect(error.message).toBe(Messages.transport("Timeout", Messages.attemptTimeout(200), 1))
        expect(millis).toBeLessThan(1_000)
      })
    })

    describe("redirects", () => {
      it.for([301, 302, 303, 307, 308])("a same-origin %i is followed, with the key", async (status) => {
        server.enqueue({ kind: "redirect", location: "/moved/v1/credits", status })
        expect((await succeeding()).credits).toBe(DEMO_BALANCE.credits)
        expect(server.requests.map((r) => r.path)).toEqual(["/v1/credits", "/moved/v1/credits"])
        expect(server.requests[1]!.headers[Rules.API_KEY_HEADER]).toBe(DEMO_API_KEY)
      })

      it("a redirect to another server is refused, naming its host; that server receives nothing", async () => {
        const other = await anotherServer()
        const host = new URL(other.url).host
        server.enqueue({ kind: "redirect", location: `${other.url}/v1/credits`, status: 307 })
        const error = await failing({ maxRetries: 3 })
        expect(error).toMatchObject({
          _tag: "UnexpectedStatus",
          status: 307,
          redirect: "CrossOrigin",
          redirectHost: host
        })
        expect(error.message).toBe(Messages.unexpectedStatus(307, 1, {}, { _tag: "CrossOrigin", host }))
        expect(other.requests).toHaveLength(0)
        expect(server.requests).toHaveLength(1)
      })

      it("a redirect to another scheme on the same host and port is refused", async () => {
        const host = new URL(server.url).host
        server.enqueue({ kind: "redirect", location: `https://${host}/v1/credits` })
        const error = await failing({ maxRetries: 3 })
        expect(error).toMatchObject({
          _tag: "UnexpectedStatus",
          status: 302,
          redirect: "CrossOrigin",
          redirectHost: host
        })
        expect(server.requests).toHaveLength(1)
      })

      it("a redirect to a URL with credentials is refused, without repeating them", async () => {
        const location = `${server.url.replace("http://", "http://user:hunter2@")}/v1/credits`
        server.enqueue({ kind: "redirect", location })
        const error = await failing({ maxRetries: 3 })
        expect(error).toMatchObject({ _tag: "UnexpectedStatus", status: 302, redirect: "Credentials" })
        expect(error.message).toBe(Messages.unexpectedStatus(302, 1, {}, { _tag: "Credentials" }))
        expect(JSON.stringify(error)).not.toContain("hunter2")
        expect(server.requests).toHaveLength(1)
      })

      it("a redirect loop ends with UnexpectedStatus", async () => {
        server.enqueue(...times(20, { kind: "redirect", location: "/v1/credits" }))
        const error = await failing({ maxRetries: 3 })
        expect(error).toMatchObject({ _tag: "UnexpectedStatus", status: 302, redirect: "Unusable" })
        expect(error.redirectHost).toBeUndefined()
        expect(error.message).toBe(Messages.unexpectedStatus(302, 1, {}, { _tag: "Unusable" }))
        expect(server.requests).toHaveLength(Rules.MAX_REDIRECTS + 1)
      })

      it("a redirect without a Location is UnexpectedStatus", async () => {
        server.enqueue({ kind: "status", status: 302 })
        const error = await failing({ maxRetries: 3 })
        expect(error).toMatchObject({ _tag: "UnexpectedStatus", status: 302, redirect: "Unusable" })
        expect(server.requests).toHaveLength(1)
      })
    })

    describe("bodies", () => {
      it("a 200 that is not JSON is InvalidResponse, not retried", async () => {
        server.enqueue({ kind: "body", body: "<html>down for maintenance</html>", contentType: "text/html" })
        const error = await failing({ maxRetries: 3 })
        expect(error).toMatchObject({ _tag: "InvalidResponse", status: 200 })
        expect(error.message.startsWith(Messages.invalidResponse(200, ""))).toBe(true)
        expect(error.message).toContain("not JSON")
        expect(error.message).toContain("down for maintenance")
        expect(server.requests).toHaveLength(1)
      })

      it.for([
        ["another shape", { balance: 10 }],
        ["a fractional balance", { credits: 1.5, subscriptionStatus: "active" }],
        ["a balance as a string", { credits: "950", subscriptionStatus: "active" }],
        ["an unknown status", { credits: 1, subscriptionStatus: "trialing" }],
        ["a numeric subscriptionId", { credits: 1, subscriptionStatus: "active", subscriptionId: 7 }],
        ["an array", [{ credits: 1, subscriptionStatus: "active" }]],
        ["null", null]
      ])("a 200 with %s is InvalidResponse, not retried", async ([, body]) => {
        server.enqueue({ kind: "body", body: JSON.stringify(body) })
        const error = await failing({ maxRetries: 3 })
        expect(error).toMatchObject({ _tag: "InvalidResponse", status: 200 })
        expect(error.message.startsWith(Messages.invalidResponse(200, ""))).toBe(true)
        expect(server.requests).toHaveLength(1)
      })

      const emptyBodies: ReadonlyArray<readonly [string, number, Fault]> = [
        ["HTTP 204 No Content", 204, { kind: "status", status: 204 }],
        ["a 200 with an empty body", 200, { kind: "body", body: "" }],
        ["a 200 with an empty chunked body", 200, streamed("", "end")]
      ]
      it.for(
        TRANSPORTS.flatMap((transport) =>
          emptyBodies.map(([name, status, fault]) => [transport, name, status, fault] as const)
        )
      )("%s: %s is InvalidResponse (the body is empty), not retried", async ([transport, , status, fault]) => {
        server.enqueue(fault, fault)
        // One retry allowed, so that a retried failure shows as a second request, quickly.
        const error = await failing({ maxRetries: 1, transport })
        expect(error).toMatchObject({ _tag: "InvalidResponse", status })
        expect(error.message).toBe(Messages.invalidResponse(status, Messages.bodyEmpty()))
        expect(server.requests).toHaveLength(1)
      })

      it("InvalidResponse names the wrong field", async () => {
        server.enqueue({ kind: "body", body: JSON.stringify({ credits: "many", subscriptionStatus: "active" }) })
        expect((await failing()).message).toContain("credits")
      })

      it(`a subscriptionId of up to ${Rules.MAX_FIELD_LENGTH} characters, and no more`, async () => {
        const id = "s".repeat(Rules.MAX_FIELD_LENGTH)
        server.setBalance(DEMO_API_KEY, { credits: 1, subscriptionStatus: "active", subscriptionId: id })
        expect((await succeeding()).subscriptionId).toBe(id)
        server.setBalance(DEMO_API_KEY, { credits: 1, subscriptionStatus: "active", subscriptionId: `${id}s` })
        const error = await failing({ maxRetries: 3 })
        expect(error).toMatchObject({ _tag: "InvalidResponse", status: 200 })
        expect(error.message).toContain("subscriptionId")
        expect(server.requests).toHaveLength(2)
      })

      it(`a body over ${Rules.MAX_BODY_BYTES} bytes is refused`, async () => {
        const padding = " ".repeat(Rules.MAX_BODY_BYTES)
        server.enqueue({ kind: "body", body: `{"credits":1,"subscriptionStatus":"active"}${padding}` })
        const error = await failing({ maxRetries: 3 })
        expect(error).toMatchObject({ _tag: "InvalidResponse", status: 200 })
        expect(error.message).toBe(Messages.invalidResponse(200, Messages.bodyTooLarge(Rules.MAX_BODY_BYTES)))
        expect(server.requests).toHaveLength(1)
      })

      it(`a long body is quoted up to ${Rules.MAX_DETAIL_LENGTH} characters`, async () => {
        server.enqueue({ kind: "body", body: "x".repeat(1_000) })
        const error = await failing()
        expect(error.message).toContain("x".repeat(Rules.MAX_DETAIL_LENGTH))
        expect(error.message).not.toContain("x".repeat(Rules.MAX_DETAIL_LENGTH + 1))
      })
    })

    describe("hostile servers: the key in what the server sends back", () => {
      /** One call with the hostile key (and these options), expected to fail. */
      const keyed = (options: Partial<ClientOptions> = {}) => failing({ apiKey: HOSTILE_KEY, ...options })

      it("a 200 echoing the request's headers is InvalidResponse, quoting them without any piece of the key", async () => {
        for (const fault of [{ kind: "echoHeaders" }, { kind: "echoHeaders", keyAt: 20 }] as const) {
          server.enqueue(fault)
          const error = await keyed({ maxRetries: 3 })
          expect(error).toMatchObject({ _tag: "InvalidResponse", status: 200 })
          expect(error.message).toContain("not JSON")
          expectKeyFree(error)
          // With the key at character 20, it is within the quoted text: scrubbed there, not merely cut off.
          if (fault.keyAt !== undefined) expect(error.message).toContain(`${".".repeat(9)}x-api-key: ${Rules.REDACTED}`)
        }
        expect(server.requests).toHaveLength(2)
      })

      it.for([Rules.MIN_SECRET_PIECE, Math.floor(HOSTILE_KEY.length / 2), HOSTILE_KEY.length - Rules.MIN_SECRET_PIECE])(
        `an echo long enough that a ${Rules.MAX_DETAIL_LENGTH}-character cut would keep the key's first %i characters`,
        async (kept) => {
          server.enqueue({ kind: "echoHeaders", keyAt: Rules.MAX_DETAIL_LENGTH - kept })
          const error = await keyed({ maxRetries: 3 })
          expect(error).toMatchObject({ _tag: "InvalidResponse", status: 200 })
          // The key's line is within the quoted text.
          expect(error.message).toContain("x-api-key: ")
          expectKeyFree(error)
        }
      )

      it.for([
        [500, "ServerError"],
        [503, "ServerError"],
        [400, "UnexpectedStatus"]
      ] as const)(
        "an HTTP %i whose body quotes the key: %s, what the server said kept without it",
        async ([status, tag]) => {
          // [the body, what the server said in it when that is not the whole body]
          const bodies: ReadonlyArray<readonly [string, string?]> = [
            [JSON.stringify({ message: `invalid key ${HOSTILE_KEY}` }), `invalid key ${HOSTILE_KEY}`],
            [
              JSON.stringify({ error: `key ${HOSTILE_KEY.slice(0, -1)} is revoked` }),
              `key ${HOSTILE_KEY.slice(0, -1)} is revoked`
            ],
            // Where a cut at MAX_DETAIL_LENGTH would keep the key's first six characters.
            [`${"x".repeat(Rules.MAX_DETAIL_LENGTH - 6)}${HOSTILE_KEY} rejected`],
            [`…${HOSTILE_KEY.slice(5)}`]
          ]
          for (const [body, said = body] of bodies) {
            server.enqueue({ kind: "status", status, body, headers: { "x-request-id": `req-${HOSTILE_KEY}` } })
            const error = await keyed({ maxRetries: 0 })
            expect(error).toMatchObject({ _tag: tag, status, attempts: 1, requestId: `req-${Rules.REDACTED}` })
            // What the server said is kept, made safe.
            expect(error.serverMessage).toBe(Rules.serverText(said, HOSTILE_KEY))
            expectKeyFree(error)
          }
          expect(server.requests).toHaveLength(bodies.length)
        }
      )

      it.for([
        ["the key itself", HOSTILE_KEY],
        ["the key inside other text", `sub_${HOSTILE_KEY}_x`],
        [`its first ${Rules.MIN_SECRET_PIECE} characters`, `sub_${HOSTILE_KEY.slice(0, Rules.MIN_SECRET_PIECE)}`],
        [`its last ${Rules.MIN_SECRET_PIECE} characters`, `${HOSTILE_KEY.slice(-Rules.MIN_SECRET_PIECE)}_sub`],
        ["all but its last character", HOSTILE_KEY.slice(0, -1)]
      ])(
        "a balance whose subscriptionId holds %s is InvalidResponse, without the value, not retried",
        async ([, subscriptionId]) => {
          server.setBalance(HOSTILE_KEY, { credits: 1, subscriptionStatus: "active", subscriptionId })
          const error = await keyed({ maxRetries: 3 })
          expect(error).toMatchObject({ _tag: "InvalidResponse", status: 200 })
          expect(error.message).toBe(Messages.invalidResponse(200, Messages.secretInField("subscriptionId")))
          expectKeyFree(error)
          expect(error.message).not.toContain(subscriptionId)
          expect(server.requests).toHaveLength(1)
        }
      )

      it(`a subscriptionId sharing only ${Rules.MIN_SECRET_PIECE - 1} characters with the key's ends is a balance`, async () => {
        const piece = Rules.MIN_SECRET_PIECE - 1
        const subscriptionId = `${HOSTILE_KEY.slice(0, piece)}_${HOSTILE_KEY.slice(-piece)}`
        server.setBalance(HOSTILE_KEY, { credits: 1, subscriptionStatus: "active", subscriptionId })
        const balance = balanceOf(await call(client({ apiKey: HOSTILE_KEY })))
        expect(balance.subscriptionId).toBe(subscriptionId)
      })

      it("a cross-origin redirect whose host holds the key is refused, naming the host without it", async () => {
        const host = `${HOSTILE_KEY}.example.test`
        server.enqueue({ kind: "redirect", location: `https://${host}/v1/credits`, status: 307 })
        const error = await keyed({ maxRetries: 3 })
        expect(error).toMatchObject({
          _tag: "UnexpectedStatus",
          status: 307,
          redirect: "CrossOrigin",
          redirectHost: `${Rules.REDACTED}.example.test`
        })
        expect(error.message).toBe(
          Messages.unexpectedStatus(307, 1, {}, { _tag: "CrossOrigin", host: `${Rules.REDACTED}.example.test` })
        )
        expectKeyFree(error)
        expect(server.requests).toHaveLength(1)
      })
    })

    describe("hostile servers: bodies", () => {
      const tooLarge = Messages.invalidResponse(200, Messages.bodyTooLarge(Rules.MAX_BODY_BYTES))

      /** One call that must end in InvalidResponse (too large) after one request, long before its 2 s timeout. */
      const expectTooLarge = async (fault: Fault) => {
        server.enqueue(fault, fault, fault, fault)
        const { value: error, millis } = await timed(() => failing({ maxRetries: 3, timeoutMillis: 2_000 }))
        expect(error).toMatchObject({ _tag: "InvalidResponse", status: 200 })
        expect(error.message).toBe(tooLarge)
        expect(server.requests, "never retried").toHaveLength(1)
        expect(millis).toBeLessThan(1_000)
      }

      it("a 50 MB body is InvalidResponse (too large), read no further, never retried", async () => {
        const body = new Uint8Array(50 * 1024 * 1024).fill(0x20)
        body.set(bytes('{"credits":1,"subscriptionStatus":"active"}'))
        await expectTooLarge(streamed(body, "end"))
      })

      it("an endless body is InvalidResponse (too large), not read until the timeout", async () => {
        await expectTooLarge(streamed('{"credits":1,"subscriptionStatus":"active",', "endless"))
      })

      it.for([
        ["chunked", false],
        ["with its Content-Length", true]
      ] as const)(
        `a gzip bomb (inflating to ${BOMB_INFLATED_BYTES / 1024 / 1024} MB), %s, is InvalidResponse (too large)`,
        async ([, stated]) => {
          const body = gzipBomb()
          expect(body.byteLength).toBeLessThan(Rules.MAX_BODY_BYTES)
          const length: Record<string, string> = stated ? { "content-length": String(body.byteLength) } : {}
          await expectTooLarge(streamed(body, "end", { headers: { "content-encoding": "gzip", ...length } }))
        }
      )

      it.for([
        ["chunked", false],
        ["with its Content-Length", true]
      ] as const)("bytes that are not UTF-8 (0xff 0xfe in a string), %s, are InvalidResponse", async ([, stated]) => {
        const body = notUtf8Body()
        server.enqueue(streamed(body, "end", stated ? { headers: { "content-length": String(body.byteLength) } } : {}))
        const error = await failing({ maxRetries: 3 })
        expect(error).toMatchObject({ _tag: "InvalidResponse", status: 200 })
        expect(error.message).toBe(Messages.invalidResponse(200, Messages.bodyNotUtf8()))
        expect(server.requests).toHaveLength(1)
      })

      it.for([
        ["~60 KB of nested arrays", nestedArrays(30_000)],
        ["a ~60 KB object in subscriptionStatus", bigStatusObject(60_000)],
        ["a ~60 KB array in credits", JSON.stringify({ credits: Array.from({ length: 13_000 }, () => [1]) })]
      ])("%s is InvalidResponse with a short message, quickly, never a defect", async ([, body]) => {
        expect(body.length).toBeLessThan(Rules.MAX_BODY_BYTES)
        expect(body.length).toBeGreaterThan(50_000)
        server.enqueue({ kind: "body", body })
        const { value: error, millis } = await timed(() => failing({ maxRetries: 3, timeoutMillis: 2_000 }))
        expect(error).toMatchObject({ _tag: "InvalidResponse", status: 200 })
        expect(error.message.startsWith(Messages.invalidResponse(200, ""))).toBe(true)
        expect(error.message.length).toBeLessThan(SHORT_MESSAGE)
        expect(server.requests).toHaveLength(1)
        expect(millis).toBeLessThan(1_000)
      })
    })

    describe("hostile servers: an error body that stalls", () => {
      it.for([401, 403])(
        "an HTTP %i whose body stalls after the headers is Unauthorized once the error body's bound is reached",
        async (status) => {
          server.enqueue(streamed('{"error":"Unauth', "stall", { status }))
          const { value: error, millis } = await timed(() => failing({ maxRetries: 3, timeoutMillis: 5_000 }))
          expect(error).toMatchObject({ _tag: "Unauthorized", status, message: Messages.unauthorized(status) })
          expect(server.requests).toHaveLength(1)
          // The body is given up after ERROR_BODY.maxMillis, long before the call's timeout.
          expect(millis).toBeLessThan(Rules.ERROR_BODY.maxMillis + 1_500)
        }
      )

      it("an HTTP 503 whose body stalls is a ServerError by its status, retried per policy, long before the timeout", async () => {
        const stalled = streamed('{"message":"down for', "stall", { status: 503, headers: { "retry-after": "0" } })
        server.enqueue(stalled, stalled, stalled)
        // The wait for each stalled body is bounded (ERROR_BODY.maxMillis), not the attempt's or the call's timeout.
        const { value: outcome, millis } = await timed(() =>
          within(4_000, client({ maxRetries: 1, timeoutMillis: 3_500 }).getCredits())
        )
        const error = errorOf(outcome)
        expect(error).toMatchObject({ _tag: "ServerError", status: 503, attempts: 2 })
        expect(error.serverMessage).toBeUndefined()
        expect(error.message).toBe(Messages.serverError(503, 2))
        expect(server.requests).toHaveLength(2)
        expect(millis).toBeLessThan(2 * Rules.ERROR_BODY.maxMillis + 700)
      })
    })

    describe("hostile servers: attempts count the requests sent", () => {
      it.for([
        [3, 1_200],
        [2, 700],
        [1, 2_000]
      ])(
        "always HTTP 500, maxRetries %i, timeout %i ms: attempts is what the server saw, the message says 500",
        async ([maxRetries, timeoutMillis]) => {
          server.enqueue(...times(20, { kind: "status", status: 500 }))
          const error = await failing({ maxRetries, timeoutMillis })
          expect(error).toMatchObject({ _tag: "ServerError", status: 500 })
          expect(error.attempts).toBe(server.requests.length)
          expect(error.message).toBe(Messages.serverError(500, server.requests.length))
          expect(error.message).not.toContain("in time")
        }
      )
    })

    describe("TLS and address failures are permanent: one connection, no retry, said as what they are", () => {
      const servers: Array<CountingServer> = []
      afterEach(async () => {
        for (const started of servers.splice(0)) await started.close()
      })
      const started = async (start: Promise<CountingServer>) => {
        const one = await start
        servers.push(one)
        return one
      }

      /** One call expected to fail at once with TransportError (Tls) after one attempt on one connection. */
      const expectTls = async (target: CountingServer, options: Partial<ClientOptions>) => {
        const { value: error, millis } = await timed(() =>
          failing({ baseUrl: target.url, maxRetries: 3, timeoutMillis: 2_000, ...options })
        )
        expect(error).toMatchObject({ _tag: "TransportError", reason: "Tls", attempts: 1 })
        expect(error.message).toBe(Messages.transport("Tls", String(error.detail), 1))
        expect(target.connections(), "one connection: not retried").toBe(1)
        // Not retried: no backoff was waited for.
        expect(millis).toBeLessThan(MIN_FIRST_BACKOFF_MILLIS)
        return error
      }

      it.for(TRANSPORTS)(
        "%s: a self-signed certificate is Tls, and says to set NODE_EXTRA_CA_CERTS",
        async (transport) => {
          const error = await expectTls(await started(startTlsServer("self-signed")), { transport })
          expect(error.detail).toBe("DEPTH_ZERO_SELF_SIGNED_CERT")
          expect(error.message).toContain("NODE_EXTRA_CA_CERTS")
          expect(error.message).not.toContain("could not be reached")
        }
      )

      it.for(TRANSPORTS)(
        "%s: a certificate for another name is Tls (ERR_TLS_CERT_ALTNAME_INVALID)",
        async (transport) => {
          const error = await expectTls(await started(startTlsServer("wrong-name")), { transport, trustedCa: TEST_CA })
          expect(error.detail).toBe("ERR_TLS_CERT_ALTNAME_INVALID")
          expect(error.message).toContain("certificate")
        }
      )

      it.for(TRANSPORTS)("%s: the trusted test CA and the right name read the balance", async (transport) => {
        const target = await started(startTlsServer("self-signed"))
        const balance = await succeeding({ baseUrl: target.url, transport, trustedCa: TEST_CA })
        expect(balance.credits).toBe(1)
      })

      it.for(TRANSPORTS)("%s: https to a plain-http port is Tls, and says to check the scheme", async (transport) => {
        const target = await started(startPlainServer())
        const error = await expectTls({ ...target, url: target.url.replace("http:", "https:") }, { transport })
        expect(["ERR_SSL_WRONG_VERSION_NUMBER", "EPROTO"]).toContain(error.detail)
        expect(error.message).toContain("scheme")
      })

      it("fetch: a port fetch refuses (6000) is Address, at once, with no connection", async () => {
        const { value: error, millis } = await timed(() =>
          failing({ baseUrl: "https://127.0.0.1:6000", maxRetries: 3, timeoutMillis: 2_000, transport: "fetch" })
        )
        expect(error).toMatchObject({ _tag: "TransportError", reason: "Address", detail: "bad port", attempts: 1 })
        expect(error.message).toBe(Messages.transport("Address", "bad port", 1))
        expect(millis).toBeLessThan(MIN_FIRST_BACKOFF_MILLIS)
      })

      it.for(TRANSPORTS)("%s: a reset connection is still network weather: Connection, retried", async (transport) => {
        server.enqueue({ kind: "reset" }, { kind: "reset" })
        const error = await failing({ maxRetries: 1, transport })
        expect(error).toMatchObject({ _tag: "TransportError", reason: "Connection", attempts: 2 })
        expect(server.requests).toHaveLength(2)
      })
    })

    describe("retries are logged: one debug log per retry", () => {
      const retryLogs = (logs: ReadonlyArray<LogView>) =>
        logs.filter((log) => log.annotations[Rules.LOG_EVENT.key] === Rules.LOG_EVENT.retry)

      it("503, 503, 200: two notices, each with its attempt, the attempts allowed, the wait and the status", async () => {
        server.setBalance(HOSTILE_KEY, DEMO_BALANCE)
        server.enqueue(serverError(503, "0"), serverError(503, "1"))
        const c = client({ apiKey: HOSTILE_KEY, maxRetries: 3 })
        expect(balanceOf(await call(c)).credits).toBe(DEMO_BALANCE.credits)
        const notices: ReadonlyArray<Rules.RetryNotice> = [
          { attempt: 1, maxAttempts: 4, waitMillis: 0, reason: "HTTP 503" },
          { attempt: 2, maxAttempts: 4, waitMillis: 1_000, reason: "HTTP 503" }
        ]
        expect(c.logs()).toEqual(
          notices.map((notice) => ({
            level: "Debug",
            message: Messages.retrying(notice),
            annotations: { [Rules.LOG_EVENT.key]: Rules.LOG_EVENT.retry, ...notice }
          }))
        )
        expect(Messages.retrying(notices[1]!)).toBe("attempt 2 of 4 failed (HTTP 503); retrying in 1 s")
        for (const log of c.logs()) expectNoKeyPiece(JSON.stringify(log))
      })

      it("a check that needed no retry logs nothing", async () => {
        const c = client({ maxRetries: 3 })
        balanceOf(await call(c))
        expect(c.logs()).toEqual([])
      })

      it("a failure that is not retried logs no retry", async () => {
        server.enqueue({ kind: "status", status: 401 })
        const c = client({ maxRetries: 3 })
        errorOf(await call(c))
        expect(retryLogs(c.logs())).toEqual([])
      })

      it("a reset and a timed-out attempt are told by their error code and as a timeout", async () => {
        server.enqueue({ kind: "reset" }, { kind: "hang" })
        const c = client({ maxRetries: 2, attemptTimeoutMillis: 300, timeoutMillis: 2_400 })
        balanceOf(await within(CALL_DEADLINE_MILLIS + 500, c.getCredits()))
        const reasons = retryLogs(c.logs()).map((log) => [log.annotations.attempt, log.annotations.reason])
        expect(reasons).toHaveLength(2)
        expect(reasons[0]![0]).toBe(1)
        expect(String(reasons[0]![1])).toMatch(/^(ECONNRESET|UND_ERR_SOCKET|other side closed)$/)
        expect(reasons[1]).toEqual([2, "timeout"])
      })
    })

    describe("options are checked before any request", () => {
      const expectRefused = async (options: Partial<ClientOptions>, expected: ReturnType<typeof invalidOptions>) => {
        const error = await failing(options)
        expect(error).toMatchObject(expected)
        expect(server.requests).toHaveLength(0)
        return error
      }

      it.for([
        ["an empty key", ""],
        ["a blank key", " "],
        ["a trailing newline", `${DEMO_API_KEY}\n`],
        ["a space", "sk_live abc"],
        ["a tab", "\tsk_live_abc"],
        ["a control character", "sk_live_\u0000abc"],
        ["a non-ASCII character", "sk_live_é"]
      ])("apiKey: %s, without echoing the key", async ([, apiKey]) => {
        const error = await expectRefused({ apiKey }, invalidOptions("apiKey", Rules.checkApiKey(apiKey)))
        if (apiKey.trim() !== "") expect(error.message).not.toContain(apiKey.trim())
      })

      it.for([
        ["not a URL", "api.sociavault.com"],
        ["ftp", "ftp://api.sociavault.com"],
        ["plain http to a remote host", "http://api.sociavault.com"],
        ["plain http to a *.localhost name", "http://api.localhost:8080"],
        ["plain http to a *.localhost name that looks like loopback", "http://127.0.0.1.localhost:8080"],
        ["plain http to localhost as a subdomain", "http://localhost.example.test:8080"],
        ["a query", "https://api.sociavault.com/?x=1"],
        ["a fragment", "https://api.sociavault.com/#x"]
      ])("baseUrl: %s", async ([, baseUrl]) => {
        await expectRefused({ baseUrl }, invalidOptions("baseUrl", Rules.creditsUrlOf(baseUrl)))
      })

      it("baseUrl with credentials, without echoing them", async () => {
        const baseUrl = server.url.replace("http://", "http://user:hunter2@")
        const error = await expectRefused({ baseUrl }, invalidOptions("baseUrl", Rules.creditsUrlOf(baseUrl)))
        expect(error.message).not.toContain("hunter2")
      })

      it.for([
        ["a space in the host", "https://user:hunter2@api sociavault.com"],
        ["an unclosed IPv6 host", "https://user:hunter2@[::1"],
        ["a bad port", "http://user:hunter2@127.0.0.1:99999"]
      ])("baseUrl with credentials that does not parse (%s), without echoing them", async ([, baseUrl]) => {
        const error = await expectRefused({ baseUrl }, invalidOptions("baseUrl", Rules.creditsUrlOf(baseUrl)))
        expect(error.message).not.toContain("hunter2")
        expect(JSON.stringify(error)).not.toContain("hunter2")
      })

      it.for([11, 1.5, -1, Number.NaN])("maxRetries %s", async (maxRetries) => {
        await expectRefused({ maxRetries }, invalidOptions("maxRetries", Rules.checkMaxRetries(maxRetries)))
      })

      it.for([
        ["timeout", 0],
        ["timeout", -1],
        ["timeout", Rules.TIMEOUT_SECONDS.max * 1_000 + 1],
        ["attemptTimeout", 0]
      ] as const)("%s of %i ms", async ([option, millis]) => {
        const options = option === "timeout" ? { timeoutMillis: millis } : { attemptTimeoutMillis: millis }
        const error = await failing(options)
        expect(error).toMatchObject({ _tag: "InvalidOptions", option, expected: EXPECTED.duration })
        expect(error.message.startsWith(Messages.invalid(option, EXPECTED.duration))).toBe(true)
        expect(server.requests).toHaveLength(0)
      })

      it(`a timeout of exactly ${Rules.TIMEOUT_SECONDS.max} s is allowed`, async () => {
        const balance = await succeeding({ timeoutMillis: Rules.TIMEOUT_SECONDS.max * 1_000 })
        expect(balance.credits).toBe(DEMO_BALANCE.credits)
      })

      it("plain http is refused to a *.localhost name that would reach the server", async () => {
        const baseUrl = `http://sociavault.localhost:${server.port}`
        await expectRefused({ baseUrl }, invalidOptions("baseUrl", Rules.creditsUrlOf(baseUrl)))
      })

      it("plain http is allowed to loopback hosts", async () => {
        expect((await succeeding({ baseUrl: `http://localhost:${server.port}` })).credits).toBe(DEMO_BALANCE.credits)
        expect((await succeeding({ baseUrl: `http://127.0.0.1:${server.port}` })).credits).toBe(DEMO_BALANCE.credits)
        expect(server.requests).toHaveLength(2)
      })

      it.for(["/gateway", "/gateway/", "/gateway//"])("a base URL's path prefix is kept (%s)", async (prefix) => {
        await succeeding({ baseUrl: `${server.url}${prefix}` })
        expect(server.requests.map((r) => r.path)).toEqual(["/gateway/v1/credits"])
      })
    })

    describe("makeFromEnv", () => {
      const env = (more: Record<string, string> = {}) => ({
        [Rules.SETTINGS.apiKey.env]: DEMO_API_KEY,
        [Rules.SETTINGS.baseUrl.env]: server.url,
        ...more
      })

      it("reads the key and the base URL (with its prefix)", async () => {
        const outcome = await call(fromEnv(env({ [Rules.SETTINGS.baseUrl.env]: `${server.url}/prefix` })))
        expect(balanceOf(outcome).credits).toBe(DEMO_BALANCE.credits)
        expect(server.requests.map((r) => r.path)).toEqual(["/prefix/v1/credits"])
        expect(server.requests[0]!.headers[Rules.API_KEY_HEADER]).toBe(DEMO_API_KEY)
      })

      it(`reads ${Rules.SETTINGS.maxRetries.env}`, async () => {
        server.enqueue(...times(5, serverError(503, "0")))
        const error = errorOf(await call(fromEnv(env({ [Rules.SETTINGS.maxRetries.env]: "1" }))))
        expect(error).toMatchObject({ _tag: "ServerError", attempts: 2 })
        expect(server.requests).toHaveLength(2)
      })

      it(`reads ${Rules.SETTINGS.timeout.env} in seconds`, async () => {
        server.enqueue(...times(10, { kind: "hang" }))
        const error = errorOf(await call(fromEnv(env({ [Rules.SETTINGS.timeout.env]: "0.3" }))))
        expect(error).toMatchObject({ _tag: "TransportError", reason: "Timeout", detail: Messages.overallTimeout(300) })
      })

      it(`fails, sending nothing, without ${Rules.SETTINGS.apiKey.env}`, async () => {
        const name = Rules.SETTINGS.apiKey.env
        for (const variables of [{}, { [name]: "" }]) {
          const outcome = await call(fromEnv({ [Rules.SETTINGS.baseUrl.env]: server.url, ...variables }))
          // Effect 4: InvalidOptions naming the variable; Effect 3: a ConfigError formatted around the same text.
          expect(errorOf(outcome).message).toContain(Messages.invalid(name, Rules.EXPECTED.apiKeyVariable))
        }
        expect(server.requests).toHaveLength(0)
      })

      it.for([
        [Rules.SETTINGS.apiKey.env, "sk live", Rules.checkApiKey("sk live")],
        [Rules.SETTINGS.maxRetries.env, "11", Rules.parseWholeNumber("11", Rules.checkMaxRetries)],
        [Rules.SETTINGS.maxRetries.env, "1e1", Rules.parseWholeNumber("1e1", Rules.checkMaxRetries)],
        [Rules.SETTINGS.timeout.env, "whenever", Rules.checkTimeoutMillis(Number.NaN, "whenever")],
        [Rules.SETTINGS.timeout.env, "3601", Rules.checkTimeoutMillis(Number.NaN, "3601")]
      ] as const)("fails, sending nothing, naming %s when it is %j", async ([name, value, checked]) => {
        const outcome = await call(fromEnv(env({ [name]: value })))
        if (checked.ok) assert.fail(`the shared check accepts ${value}`)
        expect(errorOf(outcome).message).toContain(Messages.invalid(name, checked.expected, checked.received))
        expect(server.requests).toHaveLength(0)
      })

      it.for(["http://example.com", "not a url"])(
        `a refused ${Rules.SETTINGS.baseUrl.env} (%s) is named as the variable, not as the baseUrl option`,
        async (value) => {
          const name = Rules.SETTINGS.baseUrl.env
          const checked = Rules.creditsUrlOf(value)
          if (checked.ok) assert.fail(`the shared check accepts ${value}`)
          const error = errorOf(await call(fromEnv(env({ [name]: value }))))
          expect(error.message).toContain(Messages.invalid(name, checked.expected, checked.received))
          expect(error.message).not.toContain(Messages.invalid(Rules.SETTINGS.baseUrl.option, checked.expected))
          expect(server.requests).toHaveLength(0)
        }
      )

      it(`reads ${Rules.SETTINGS.timeout.env} as a duration too`, async () => {
        server.enqueue(...times(10, { kind: "hang" }))
        const error = errorOf(await call(fromEnv(env({ [Rules.SETTINGS.timeout.env]: "300 millis" }))))
        expect(error).toMatchObject({ _tag: "TransportError", reason: "Timeout", detail: Messages.overallTimeout(300) })
      })
    })

    describe("CreditGuard", () => {
      it("200 concurrent guarded effects make exactly one request", async () => {
        const guarded = await within(CALL_DEADLINE_MILLIS, client().guardMany(200, 1))
        expect(guarded).toEqual({ ran: 200, errors: [] })
        expect(server.requests).toHaveLength(1)
      })

      it("refuses with InsufficientCredits before the effect runs", async () => {
        const guarded = await within(CALL_DEADLINE_MILLIS, client().guardMany(3, DEMO_BALANCE.credits + 1))
        expect(guarded.ran).toBe(0)
        expect(guarded.errors).toHaveLength(3)
        for (const error of guarded.errors) {
          expect(error).toMatchObject({
            _tag: "InsufficientCredits",
            balance: DEMO_BALANCE.credits,
            required: DEMO_BALANCE.credits + 1,
            message: Messages.insufficientCredits(DEMO_BALANCE.credits, DEMO_BALANCE.credits + 1)
          })
        }
        expect(server.requests).toHaveLength(1)
      })

      it("passes a balance that exactly covers the amount", async () => {
        const outcome = await within(CALL_DEADLINE_MILLIS, client().guardRequire(DEMO_BALANCE.credits))
        expect(balanceOf(outcome).credits).toBe(DEMO_BALANCE.credits)
      })

      it("asks again once the TTL has passed", async () => {
        const guard = client({}, { ttlMillis: 300 })
        balanceOf(await within(CALL_DEADLINE_MILLIS, guard.guardRequire(1)))
        balanceOf(await within(CALL_DEADLINE_MILLIS, guard.guardRequire(1)))
        expect(server.requests).toHaveLength(1)
        await sleep(450)
        balanceOf(await within(CALL_DEADLINE_MILLIS, guard.guardRequire(1)))
        expect(server.requests).toHaveLength(2)
      })

      it("does not cache a failure", async () => {
        server.enqueue({ kind: "status", status: 401 })
        const guard = client()
        expect(errorOf(await within(CALL_DEADLINE_MILLIS, guard.guardRequire(1)))._tag).toBe("Unauthorized")
        expect(balanceOf(await within(CALL_DEADLINE_MILLIS, guard.guardRequire(1))).credits).toBe(DEMO_BALANCE.credits)
        expect(server.requests).toHaveLength(2)
      })

      it("invalidate forgets the cached balance", async () => {
        const guard = client()
        balanceOf(await within(CALL_DEADLINE_MILLIS, guard.guardRequire(1)))
        await within(CALL_DEADLINE_MILLIS, guard.guardInvalidate())
        balanceOf(await within(CALL_DEADLINE_MILLIS, guard.guardRequire(1)))
        expect(server.requests).toHaveLength(2)
      })

      it.for([
        ["text that is no duration", "banana"],
        ["a negative number", -5],
        ["zero", 0],
        ["more than an hour", Rules.TIMEOUT_SECONDS.max * 1_000 + 1]
      ] as const)("refuses a ttl of %s when the guard is built: InvalidOptions naming ttl", async ([, ttl]) => {
        const guard = client({}, { ttl })
        for (const outcome of [
          await within(CALL_DEADLINE_MILLIS, guard.guardRequire(1)),
          await within(CALL_DEADLINE_MILLIS, guard.getCredits())
        ]) {
          const error = errorOf(outcome)
          expect(error).toMatchObject({ _tag: "InvalidOptions", option: "ttl", expected: EXPECTED.duration })
          expect(error.message.startsWith(Messages.invalid("ttl", EXPECTED.duration))).toBe(true)
        }
        expect(server.requests).toHaveLength(0)
      })

      it("a ttl of exactly an hour is allowed", async () => {
        const outcome = await within(
          CALL_DEADLINE_MILLIS,
          client({}, { ttl: Rules.TIMEOUT_SECONDS.max * 1_000 }).guardRequire(1)
        )
        expect(balanceOf(outcome).credits).toBe(DEMO_BALANCE.credits)
      })

      it("a caller interrupted while the shared read is in flight loses only its own work", async () => {
        const { opened, open: resume } = gate()
        server.enqueue({ kind: "hang", until: opened })
        const batch = await within(
          CALL_DEADLINE_MILLIS,
          client().guardManyInterruptingFirst(5, 1, { inFlight: () => server.waitForRequests(1), resume })
        )
        expect(batch).toEqual({ ran: 4, interrupted: 1, errors: [] })
        expect(server.requests).toHaveLength(1)
      })

      it("the read survives the interruption of every caller, and serves the next one", async () => {
        const { opened, open: resume } = gate()
        server.enqueue({ kind: "hang", until: opened })
        const guard = client()
        const batch = await within(
          CALL_DEADLINE_MILLIS,
          guard.guardManyInterruptingFirst(1, 1, { inFlight: () => server.waitForRequests(1), resume })
        )
        expect(batch).toEqual({ ran: 0, interrupted: 1, errors: [] })
        balanceOf(await within(CALL_DEADLINE_MILLIS, guard.guardRequire(1)))
        expect(server.requests).toHaveLength(1)
      })

      it.for([-1, 1.5, Number.NaN])(
        "an amount of %s throws InvalidOptions where requireCredits, guard and require are called, asking nothing",
        async (atLeast) => {
          const thrown = await within(CALL_DEADLINE_MILLIS, client().guardAmountThrows(atLeast))
          expect(thrown).toHaveLength(3)
          for (const error of thrown) {
            expect(error).toMatchObject(invalidOptions("atLeast", Rules.checkCredits(atLeast)))
          }
          expect(server.requests).toHaveLength(0)
        }
      )

      it.for([0, DEMO_BALANCE.credits])("an amount of %i throws nothing", async (atLeast) => {
        expect(await within(CALL_DEADLINE_MILLIS, client().guardAmountThrows(atLeast))).toEqual([
          undefined,
          undefined,
          undefined
        ])
      })
    })

    describe("metrics", () => {
      it(`a balance read sets ${Rules.METRICS.balance} and counts ok`, async () => {
        server.setBalance(DEMO_API_KEY, { ...DEMO_BALANCE, credits: 1234 })
        const c = client({ maxRetries: 0 })
        const before = await c.metrics()
        balanceOf(await call(c))
        const after = await c.metrics()
        expect(after.balance).toBe(1234)
        expect(deltas(before, after)).toEqual({ ...deltas(before, before), ok: 1 })
      })

      it.for([
        ["unauthorized", (s: FakeSociaVault) => s.enqueue({ kind: "status", status: 401 })],
        ["not_found", (s: FakeSociaVault) => s.setBalance(DEMO_API_KEY, null)],
        ["rate_limited", (s: FakeSociaVault) => s.enqueue({ kind: "rateLimit" })],
        ["server_error", (s: FakeSociaVault) => s.enqueue({ kind: "status", status: 500 })],
        ["transport", (s: FakeSociaVault) => s.enqueue({ kind: "reset" })],
        ["bad_body", (s: FakeSociaVault) => s.enqueue({ kind: "body", body: "nope" })],
        ["unexpected_status", (s: FakeSociaVault) => s.enqueue({ kind: "status", status: 402 })]
      ] as const)("a failed call counts %s, and leaves the balance gauge alone", async ([outcome, fault]) => {
        // A success first, so that the gauge holds a value a failure must not change.
        await succeeding()
        fault(server)
        const c = client({ maxRetries: 0 })
        const before = await c.metrics()
        errorOf(await call(c))
        const after = await c.metrics()
        expect(deltas(before, after)).toEqual({ ...deltas(before, before), [outcome]: 1 })
        expect(after.balance).toBe(before.balance)
      })

      it("a call with retries counts once", async () => {
        server.enqueue(...times(5, serverError(503, "0")))
        const c = client({ maxRetries: 2 })
        const before = await c.metrics()
        errorOf(await call(c))
        const after = await c.metrics()
        expect(deltas(before, after)).toEqual({ ...deltas(before, before), server_error: 1 })
        expect(server.requests).toHaveLength(3)
      })
    })

    describe("tracing", () => {
      const named = (spans: ReadonlyArray<SpanView>, name: string) => spans.filter((span) => span.name === name)

      it("a span for the call, and one per attempt with its number and status", async () => {
        server.enqueue(serverError(503, "0"))
        const c = client({ maxRetries: 1 })
        balanceOf(await call(c))
        const spans = c.spans()
        const calls = named(spans, SPANS.getCredits)
        expect(calls).toHaveLength(1)
        expect(calls[0]!.attributes[SPANS.attempts]).toBe(2)
        expect(calls[0]!.attributes[SPANS.url]).toBe(`${server.url}${Rules.CREDITS_PATH}`)
        const attempts = named(spans, SPANS.attempt)
          .map((span) => [span.attributes[SPANS.attemptNumber], span.attributes[SPANS.status]])
          .sort(([a], [b]) => Number(a) - Number(b))
        expect(attempts).toEqual([
          [1, 503],
          [2, 200]
        ])
      })

      it("a failed call's span counts its attempts", async () => {
        server.enqueue({ kind: "status", status: 401 })
        const c = client()
        errorOf(await call(c))
        const spans = c.spans()
        expect(named(spans, SPANS.getCredits).map((span) => span.attributes[SPANS.attempts])).toEqual([1])
        expect(named(spans, SPANS.attempt).map((span) => span.attributes[SPANS.status])).toEqual([401])
      })

      it("no span attribute, the HTTP client's spans included, carries the key", async () => {
        server.enqueue({ kind: "redirect", location: "/moved/v1/credits" }, serverError(503, "0"))
        const c = client({ maxRetries: 1 })
        balanceOf(await call(c))
        server.enqueue({ kind: "status", status: 401 })
        errorOf(await call(c))
        const spans = c.spans()
        expect(named(spans, SPANS.attempt)).toHaveLength(3)
        const others = spans.filter((span) => !span.name.startsWith("SociaVaultClient."))
        expect(others.length, "the HTTP client's own spans are recorded").toBeGreaterThan(0)
        for (const span of spans) {
          for (const [key, value] of Object.entries(span.attributes)) {
            expect(`${key}=${String(value)} ${JSON.stringify(value)}`, `${span.name} ${key}`).not.toContain(
              DEMO_API_KEY
            )
          }
        }
      })
    })
  })
}
