/**
 * The services effect/cli asks every command for (`Command.Environment`), for a command that never prompts, reads a
 * file or starts a process: standard I/O and the terminal's size are the process's own; the file system and the
 * process spawner refuse. @effect/platform-node's `NodeServices.layer` would load and set up Node's file system,
 * child process, readline and stream machinery on every start (~15 ms of a ~150 ms run) for nothing the CLI does.
 *
 * @since 2.0.0
 */

import type * as Command from "effect/cli/Command"
import * as Effect from "effect/Effect"
import * as FileSystem from "effect/FileSystem"
import * as Layer from "effect/Layer"
import * as Path from "effect/Path"
import * as ChildProcessSpawner from "effect/process/ChildProcessSpawner"
import * as Sink from "effect/Sink"
import * as Stdio from "effect/Stdio"
import * as Stream from "effect/Stream"
import * as Terminal from "effect/Terminal"

const unsupported = (what: string) => Effect.die(new Error(`sociavault-credits does not ${what}`))

const write = (stream: NodeJS.WriteStream) => {
  const writeChunk = (chunk: string | Uint8Array) => Effect.sync(() => void stream.write(chunk))
  return () => Sink.forEach(writeChunk)
}

/** @since 2.0.0 */
export const layer: Layer.Layer<Command.Environment> = Layer.mergeAll(
  Layer.succeed(
    Stdio.Stdio,
    Stdio.make({
      args: Effect.sync(() => process.argv.slice(2)),
      stdinIsTerminal: Effect.sync(() => process.stdin.isTTY === true),
      stdoutIsTerminal: Effect.sync(() => process.stdout.isTTY === true),
      stderrIsTerminal: Effect.sync(() => process.stderr.isTTY === true),
      stdout: write(process.stdout),
      stderr: write(process.stderr),
      stdin: Stream.die(new Error("sociavault-credits reads no input"))
    })
  ),
  Layer.succeed(
    Terminal.Terminal,
    Terminal.make({
      columns: Effect.sync(() => process.stdout.columns ?? 80),
      rows: Effect.sync(() => process.stdout.rows ?? 24),
      size: unsupported("follow the terminal's size"),
      readInput: unsupported("prompt"),
      readLine: unsupported("prompt"),
      display: (text) => Effect.sync(() => void process.stdout.write(text))
    })
  ),
  FileSystem.layerNoop({}),
  Path.layer,
  Layer.succeed(
    ChildProcessSpawner.ChildProcessSpawner,
    ChildProcessSpawner.make(() => unsupported("start processes"))
  )
)
