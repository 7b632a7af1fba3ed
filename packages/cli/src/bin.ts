#!/usr/bin/env node
/**
 * The `sociavault-credits` executable: the command on Node's services, with fetch as the HTTP transport.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import { run } from "./Cli.js"

run(process.argv.slice(2)).pipe(
  // Node exits on its own once stdout is flushed, with this code.
  Effect.flatMap((code) =>
    Effect.sync(() => {
      process.exitCode = code
    })
  ),
  Effect.provide(Layer.mergeAll(NodeServices.layer, FetchHttpClient.layer)),
  NodeRuntime.runMain({
    // run never fails: what is left is a defect (reported by runMain) or an interrupt (Ctrl-C).
    teardown: (exit, onExit) => onExit(Exit.isSuccess(exit) ? 0 : Cause.hasInterruptsOnly(exit.cause) ? 130 : 2)
  })
)
