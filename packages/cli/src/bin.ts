#!/usr/bin/env node
/**
 * The `sociavault-credits` executable.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { run } from "./Cli.js"

run(process.argv).pipe(
  Effect.provide(NodeContext.layer),
  NodeRuntime.runMain({
    disableErrorReporting: true,
    // The handler sets 0 or 1 (or 2 for a failed check); a failure here is a bad flag, already explained by
    // @effect/cli on stderr: exit 2 as for any other error.
    teardown: (exit, onExit) => onExit(Exit.isSuccess(exit) ? Number(process.exitCode ?? 0) : 2)
  })
)
