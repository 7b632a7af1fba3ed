#!/usr/bin/env node
/**
 * The `sociavault-credits` executable: the command on the process's standard I/O, with the action's transport
 * (node:http, or the proxy-aware fetch when HTTPS_PROXY or HTTP_PROXY is set). Bundled by `npm run package` into
 * packages/cli/bin/, the files the package installs.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as ProxyFetch from "@sociavault-credits/proxy-fetch"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import { run } from "./Cli.js"
import * as Environment from "./environment.js"
import { exitCodeOfInterrupt } from "./watch/signals.js"

run(process.argv.slice(2)).pipe(
  // Node exits on its own once stdout is flushed, with this code; the transport's connections are closed by then.
  Effect.flatMap((code) =>
    Effect.sync(() => {
      process.exitCode = code
    })
  ),
  Effect.provide(Layer.mergeAll(Environment.layer, ProxyFetch.transportLayer())),
  NodeRuntime.runMain({
    // run never fails: what is left is a defect (reported by runMain) or an interrupt (Ctrl-C, SIGTERM): 130 for a
    // check, 0 for watch, which runs until it is stopped.
    teardown: (exit, onExit) =>
      onExit(Exit.isSuccess(exit) ? 0 : Cause.hasInterruptsOnly(exit.cause) ? exitCodeOfInterrupt() : 2)
  })
)
