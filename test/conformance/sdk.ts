/**
 * What the conformance suite needs of an SDK, in plain Promises and JSON-like values, so that one suite (written
 * once, in suite.ts) runs against the Effect 4 SDK and the Effect 3 SDK alike. Each SDK's test folder implements
 * this on its own `effect` and hands it to `runConformance`.
 */

/** Client options, durations in milliseconds. Anything may be given, so the suite can check validation. */
export interface ClientOptions {
  readonly apiKey: string
  readonly baseUrl?: unknown
  readonly maxRetries?: unknown
  readonly timeoutMillis?: number
  readonly attemptTimeoutMillis?: number
  /** The SDK's HTTP client: its FetchHttpClient (the default) or @effect/platform-node's NodeHttpClient (node:http). */
  readonly transport?: Transport
  /** A CA certificate (PEM) the HTTP client trusts, for a TLS server on loopback with a test certificate. */
  readonly trustedCa?: string
}

/** The HTTP clients a client under test may use. */
export type Transport = "fetch" | "node"

/** Every {@link Transport}. */
export const TRANSPORTS: ReadonlyArray<Transport> = ["fetch", "node"]

/** A balance, as both SDKs' CreditBalance expose it. */
export interface BalanceView {
  readonly credits: number
  readonly subscriptionStatus: string
  readonly subscriptionId: string | null
  readonly isActive: boolean
}

/** An error as the suite sees it: its tag, message and every other own field (durations in milliseconds). */
export interface ErrorView {
  readonly _tag: string
  readonly message: string
  readonly [field: string]: unknown
}

/** How one call ended. A defect (a thrown error, an interruption) is not an Outcome: it rejects the Promise. */
export type Outcome =
  | { readonly ok: true; readonly balance: BalanceView }
  | { readonly ok: false; readonly error: ErrorView }

/** A finished span. */
export interface SpanView {
  readonly name: string
  readonly attributes: Readonly<Record<string, unknown>>
}

/** A log the SDK wrote: its level ("Debug", "Info", ...), its message as text, and its annotations. */
export interface LogView {
  readonly level: string
  readonly message: string
  readonly annotations: Readonly<Record<string, unknown>>
}

/** The SDK's metrics now: the balance gauge and the request counter by outcome tag. */
export interface MetricsView {
  readonly balance: number | undefined
  readonly requests: Readonly<Record<string, number>>
}

/** How a batch of guarded effects ended, one of which was interrupted on purpose. */
export interface InterruptedBatch {
  /** How many guarded effects ran. */
  readonly ran: number
  /** How many guarded effects ended interrupted. */
  readonly interrupted: number
  /** The typed failures of the others. */
  readonly errors: ReadonlyArray<ErrorView>
}

/** The guard's options. */
export interface GuardOptions {
  /** The TTL in milliseconds; default 30 s. */
  readonly ttlMillis?: number
  /** A TTL given to `CreditGuard.layer` as it is (any value), to check its validation; wins over `ttlMillis`. */
  readonly ttl?: unknown
}

/** A client, on the SDK's FetchHttpClient, with a CreditGuard over it. */
export interface ClientUnderTest {
  getCredits(): Promise<Outcome>
  /** CreditGuard's `requireCredits(atLeast)`. */
  guardRequire(atLeast: number): Promise<Outcome>
  /** Runs `count` guarded effects at once (`CreditGuard.guard({ atLeast })`); how many ran, and the failures. */
  guardMany(
    count: number,
    atLeast: number
  ): Promise<{ readonly ran: number; readonly errors: ReadonlyArray<ErrorView> }>
  /**
   * Starts one guarded effect (`CreditGuard.guard({ atLeast })`); once `inFlight()` resolves (the balance read it
   * started is under way), starts `count - 1` more, lets them reach the read, interrupts the first one and waits for
   * it to end, then calls `resume()` (so that the read can finish) and waits for the others.
   */
  guardManyInterruptingFirst(
    count: number,
    atLeast: number,
    hooks: { readonly inFlight: () => Promise<void>; readonly resume: () => void }
  ): Promise<InterruptedBatch>
  guardInvalidate(): Promise<void>
  /**
   * What `CreditGuard.requireCredits(atLeast)`, `CreditGuard.guard({ atLeast })` and the guard service's
   * `require(atLeast)` throw when they are called (not run): the error, or undefined when one throws nothing.
   */
  guardAmountThrows(atLeast: number): Promise<ReadonlyArray<ErrorView | undefined>>
  /** Every log written so far by this client's calls, Debug level included. */
  logs(): ReadonlyArray<LogView>
  /** Spans finished so far by this client's calls. */
  spans(): ReadonlyArray<SpanView>
  metrics(): Promise<MetricsView>
  dispose(): Promise<void>
}

export interface SdkUnderTest {
  /** "effect4" or "effect3", for test names. */
  readonly name: string
  /** A client with these options and a guard with these. Bad options (the guard's too) fail its calls. */
  make(options: ClientOptions, guard?: GuardOptions): ClientUnderTest
  /** A client from `layerConfig()`, reading these environment variables only. */
  makeFromEnv(env: Readonly<Record<string, string>>): ClientUnderTest
}
