/**
 * A fake SociaVault API: a real `node:http` server on loopback that answers `GET /v1/credits` like the real one,
 * and fails on demand. Tests, the demo (`npm start`) and the benchmarks all talk to it over real HTTP.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo, Socket } from "node:net"

/** A balance as the API returns it. */
export interface Balance {
  readonly credits: number
  readonly subscriptionStatus: string
  readonly subscriptionId: string | null
}

/** A misbehaviour for one request; queued with {@link FakeSociaVault.enqueue}. */
export type Fault =
  /** Any status, with an optional body and headers. */
  | {
      readonly kind: "status"
      readonly status: number
      readonly body?: string
      readonly headers?: Record<string, string>
    }
  /** 429 Too Many Requests, with a Retry-After header when given. */
  | { readonly kind: "rateLimit"; readonly retryAfter?: string }
  /** The connection is reset (TCP RST) without a response. */
  | { readonly kind: "reset" }
  /**
   * The request is accepted and not answered: never (until the server closes), or, given `until`, answered normally
   * once that resolves (a slow API whose answer a test releases when it is ready; cut off if it rejects).
   */
  | { readonly kind: "hang"; readonly until?: PromiseLike<unknown> }
  /** A raw body, by default with 200 and application/json. */
  | { readonly kind: "body"; readonly body: string; readonly status?: number; readonly contentType?: string }
  /** A redirect, by default 302. */
  | { readonly kind: "redirect"; readonly location: string; readonly status?: number }
  /**
   * A body sent as bytes, by default with 200: then the response ends, stalls (headers and the bytes sent, the
   * rest never comes), or goes on without end (zeros, until the client hangs up or `ENDLESS_LIMIT` is reached).
   */
  | {
      readonly kind: "stream"
      readonly status?: number
      readonly headers?: Record<string, string>
      readonly body?: string | Uint8Array
      readonly then?: "end" | "stall" | "endless"
    }
  /**
   * A debugging gateway: answers with the request's headers as plain text (the API key among them). With `keyAt`,
   * the `x-api-key` line comes first, after as many dots as put the key at that character (11 at the earliest): a
   * test can place the key where a cut at a fixed length would split it.
   */
  | { readonly kind: "echoHeaders"; readonly status?: number; readonly keyAt?: number }

/** A request as the server saw it. */
export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
}

/** A running fake server. */
export interface FakeSociaVault {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly url: string
  readonly port: number
  /** Every request received, in order, faulted ones included. */
  readonly requests: ReadonlyArray<RecordedRequest>
  /** Sets a key's balance; `null` makes the key known but its user gone (404). */
  setBalance(apiKey: string, balance: Balance | null): void
  /** Queues faults: each next request takes the first one instead of the normal answer. */
  enqueue(...faults: ReadonlyArray<Fault>): void
  /** Resolves once at least `count` requests have been received (event-driven: no polling, no sleeping). */
  waitForRequests(count: number): Promise<void>
  /** Forgets recorded requests and queued faults. */
  reset(): void
  /** Stops the server, cutting open and hanging connections, so it never blocks. */
  close(): Promise<void>
}

/** The key the fake server accepts out of the box. */
export const DEMO_API_KEY = "sk_test_sociavault_demo"

/**
 * The demo account's balance. Its id shares no piece of 4 or more characters with {@link DEMO_API_KEY} (`sub_demo_…`
 * ended in the key's `demo`): the SDKs refuse a balance whose strings hold a piece of the key.
 */
export const DEMO_BALANCE: Balance = {
  credits: 950,
  subscriptionStatus: "active",
  subscriptionId: "sub_0123456789"
}

/** An endless body stops by itself after this many bytes, so no test can fill a disk or hang a machine. */
export const ENDLESS_LIMIT = 1 << 30

const writeEndless = (response: ServerResponse) => {
  const chunk = Buffer.alloc(64 * 1024, 0x30)
  let sent = 0
  const pump = () => {
    while (sent < ENDLESS_LIMIT && !response.destroyed) {
      sent += chunk.length
      if (!response.write(chunk)) return void response.once("drain", pump)
    }
    response.end()
  }
  pump()
}

const sendJson = (response: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body)
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) })
  response.end(text)
}

const KEY_LINE = "x-api-key: "
const isKeyLine = (line: string) => line.startsWith(KEY_LINE)

/** The request's headers as a debugging page shows them, one `name: value` a line; see the `echoHeaders` fault. */
const echoOf = (request: IncomingMessage, keyAt: number | undefined): string => {
  const lines = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`)
  if (keyAt === undefined) return lines.join("\n")
  const [keyLines, others] = [lines.filter(isKeyLine), lines.filter((line) => !isKeyLine(line))]
  return `${".".repeat(Math.max(0, keyAt - KEY_LINE.length))}${[...keyLines, ...others].join("\n")}`
}

const applyFault = (fault: Fault, request: IncomingMessage, response: ServerResponse, answer: () => void) => {
  switch (fault.kind) {
    case "status":
      response.writeHead(fault.status, fault.headers ?? {})
      response.end(fault.body ?? "")
      return
    case "rateLimit":
      response.writeHead(429, fault.retryAfter === undefined ? {} : { "retry-after": fault.retryAfter })
      response.end('{"error":"Too many requests"}')
      return
    case "reset":
      request.socket.resetAndDestroy()
      return
    case "hang":
      fault.until?.then(
        () => void (response.destroyed ? undefined : answer()),
        () => void request.socket.destroy()
      )
      return
    case "body":
      response.writeHead(fault.status ?? 200, { "content-type": fault.contentType ?? "application/json" })
      response.end(fault.body)
      return
    case "redirect":
      response.writeHead(fault.status ?? 302, { location: fault.location })
      response.end()
      return
    case "stream":
      response.writeHead(fault.status ?? 200, { "content-type": "application/json", ...fault.headers })
      if (fault.body !== undefined) response.write(fault.body)
      if (fault.then === "stall") return void response.flushHeaders()
      if (fault.then === "endless") return writeEndless(response)
      response.end()
      return
    case "echoHeaders":
      response.writeHead(fault.status ?? 200, { "content-type": "text/plain" })
      response.end(echoOf(request, fault.keyAt))
      return
  }
}

/** How a fake server starts. */
export interface FakeOptions {
  readonly host?: string
  readonly port?: number
  readonly users?: Record<string, Balance | null>
  /**
   * Credits spent per read: after each successful `GET /v1/credits` the key's balance falls by this much, as if
   * something spent it between two readings (to demo `sociavault-credits watch` and the action's spend). Default 0.
   */
  readonly spendPerRead?: number
}

/** Starts a fake SociaVault API on loopback (port 0 picks a free port). */
export const startFakeSociaVault = async (options: FakeOptions = {}): Promise<FakeSociaVault> => {
  const spendPerRead = options.spendPerRead ?? 0
  const users = new Map(Object.entries(options.users ?? { [DEMO_API_KEY]: DEMO_BALANCE }))
  const faults: Array<Fault> = []
  const requests: Array<RecordedRequest> = []
  const sockets = new Set<Socket>()
  const waiters: Array<{ readonly count: number; readonly resolve: () => void }> = []
  const wakeWaiters = () => {
    for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1)
      waiter.resolve()
    }
  }

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://fake").pathname
    requests.push({ method: request.method ?? "GET", path, headers: { ...request.headers } })
    wakeWaiters()
    const answer = () => {
      // Any prefix before /v1/credits, so base URLs with a path (a gateway) can be tested.
      if (!path.endsWith("/v1/credits")) return sendJson(response, 404, { error: "Not found" })
      if (request.method !== "GET") return sendJson(response, 405, { error: "Method not allowed" })
      const key = request.headers["x-api-key"]
      if (typeof key !== "string" || !users.has(key)) return sendJson(response, 401, { error: "Unauthorized" })
      const balance = users.get(key)
      if (balance === null || balance === undefined) return sendJson(response, 404, { error: "User not found" })
      sendJson(response, 200, balance)
      if (spendPerRead !== 0) users.set(key, { ...balance, credits: balance.credits - spendPerRead })
    }
    const fault = faults.shift()
    return fault === undefined ? answer() : applyFault(fault, request, response, answer)
  })
  server.keepAliveTimeout = 60_000
  server.on("connection", (socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
  })

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve())
  })
  const { port, address, family } = server.address() as AddressInfo
  const host = family === "IPv6" ? `[${address}]` : address

  return {
    url: `http://${host}:${port}`,
    port,
    requests,
    setBalance: (apiKey, balance) => void users.set(apiKey, balance),
    enqueue: (...more) => void faults.push(...more),
    waitForRequests: (count) =>
      new Promise<void>((resolve) => {
        waiters.push({ count, resolve })
        wakeWaiters()
      }),
    reset: () => {
      faults.length = 0
      requests.length = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
        for (const socket of sockets) socket.destroy()
      })
  }
}
