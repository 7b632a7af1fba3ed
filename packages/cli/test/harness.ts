/**
 * Runs the CLI's command from source, in memory: a fake Effect 4 HttpClient answers (and records) the requests,
 * the environment is a record, and stdout, stderr and the exit code are captured.
 */
import * as ConfigProvider from "effect/ConfigProvider"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as FileSystem from "effect/FileSystem"
import * as Layer from "effect/Layer"
import * as Path from "effect/Path"
import * as ChildProcessSpawner from "effect/process/ChildProcessSpawner"
import * as Stdio from "effect/Stdio"
import * as Terminal from "effect/Terminal"
import * as TestConsole from "effect/testing/TestConsole"
import { fakeHttpClient, type Recorded, type Reply } from "../../core/test/fakeHttpClient.js"
import { run } from "../src/Cli.js"

export const API_KEY = "sk_test_cli_0123456789"

export const balanceBody = (balance: {
  readonly credits: number
  readonly subscriptionStatus: string
  readonly subscriptionId?: string | null
}) => JSON.stringify({ subscriptionId: "sub_cli_1", ...balance })

/** The SDK's own fake Effect 4 HttpClient (scripted replies, recorded requests), shared rather than copied. */
export type { Recorded, Reply } from "../../core/test/fakeHttpClient.js"
export const fakeApi = fakeHttpClient

export const OK: Reply = { status: 200, body: balanceBody({ credits: 950, subscriptionStatus: "active" }) }

/** The services effect/cli asks for; only Stdio's terminal checks matter (the colours of --help). */
const cliEnvironment = (terminal: boolean, columns: number) =>
  Layer.mergeAll(
    FileSystem.layerNoop({}),
    Path.layer,
    Stdio.layerTest({ stdoutIsTerminal: Effect.succeed(terminal), stdinIsTerminal: Effect.succeed(terminal) }),
    Layer.succeed(
      Terminal.Terminal,
      Terminal.make({
        columns: Effect.succeed(columns),
        rows: Effect.succeed(24),
        size: Effect.die("unused"),
        readInput: Effect.die("unused"),
        readLine: Effect.die("unused"),
        display: () => Effect.void
      })
    ),
    Layer.succeed(
      ChildProcessSpawner.ChildProcessSpawner,
      ChildProcessSpawner.make(() => Effect.die("unused"))
    )
  )

export interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  readonly requests: ReadonlyArray<Recorded>
}

export interface Options {
  readonly key?: string | null
  readonly replies?: ReadonlyArray<Reply>
  /** Other environment variables (NO_COLOR, TERM...). */
  readonly env?: Record<string, string>
  /** Whether stdout (and stdin) are a terminal; false by default, as in CI. */
  readonly terminal?: boolean
  /** The terminal's width; 80 by default, as a pipe gets. */
  readonly columns?: number
}

/** A command started but not awaited (`watch` runs until interrupted): its exit code, and its output so far. */
export interface Launched {
  readonly code: Effect.Effect<number>
  readonly stdout: Effect.Effect<ReadonlyArray<string>>
  readonly stderr: Effect.Effect<ReadonlyArray<string>>
  readonly requests: ReadonlyArray<Recorded>
}

/** Like {@link cli}, for a command that does not end on its own: fork `code`, read the output as it comes. */
export const launch = (args: ReadonlyArray<string>, options: Options = {}): Effect.Effect<Launched> => {
  const api = fakeApi(options.replies ?? [OK])
  const key = options.key === undefined ? API_KEY : options.key
  const env = ConfigProvider.fromEnvRecord(
    { ...options.env, ...(key === null ? {} : { SOCIAVAULT_API_KEY: key }) },
    { preserveEmptyStrings: true }
  )
  return Effect.map(TestConsole.make, (console) => ({
    code: run(args).pipe(
      Effect.provideService(Console.Console, console),
      Effect.provide(
        Layer.mergeAll(
          api.layer,
          cliEnvironment(options.terminal ?? false, options.columns ?? 80),
          ConfigProvider.layer(env)
        )
      )
    ),
    stdout: Effect.map(console.logLines, (lines) => lines.map(String)),
    stderr: Effect.map(console.errorLines, (lines) => lines.map(String)),
    requests: api.requests
  }))
}

/**
 * Runs `sociavault-credits args` with SOCIAVAULT_API_KEY set to `key` (unset when null), against a fake API
 * answering `replies`.
 */
export const cli = (args: ReadonlyArray<string>, options: Options = {}): Effect.Effect<Run> => {
  const api = fakeApi(options.replies ?? [OK])
  const key = options.key === undefined ? API_KEY : options.key
  const env = ConfigProvider.fromEnvRecord(
    { ...options.env, ...(key === null ? {} : { SOCIAVAULT_API_KEY: key }) },
    {
      preserveEmptyStrings: true
    }
  )
  return Effect.gen(function* () {
    // A console of its own: TestConsole.layer would be the one @effect/vitest already built for the test (nested
    // Effect.provide reuses a layer the enclosing context has built), shared by every run of the test.
    const console = yield* TestConsole.make
    const code = yield* run(args).pipe(
      Effect.provideService(Console.Console, console),
      Effect.provide(
        Layer.mergeAll(
          api.layer,
          cliEnvironment(options.terminal ?? false, options.columns ?? 80),
          ConfigProvider.layer(env)
        )
      )
    )
    const stdout = (yield* console.logLines).join("\n")
    const stderr = (yield* console.errorLines).join("\n")
    return { code, stdout, stderr, requests: api.requests }
  })
}
