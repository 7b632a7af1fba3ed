/**
 * Runs the bundled action the way a runner does: `node dist/index.js` with INPUT_* variables and
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, and reads back what it left. Used by `npm start`, the end-to-end
 * tests and the benchmark.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

export const ACTION_ENTRY = new URL("../dist/index.js", import.meta.url).pathname

/** The post step's bundle, which action.yml's `runs.post` names. */
export const POST_ENTRY = new URL("../dist/post.js", import.meta.url).pathname

/** Parses GITHUB_OUTPUT's `name<<delimiter` blocks. */
export const parseOutputs = (text) => {
  const outputs = {}
  const lines = text.split("\n")
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i])
    if (match === null) continue
    const [, name, delimiter] = match
    const value = []
    while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i])
    outputs[name] = value.join("\n")
  }
  return outputs
}

/**
 * Runs one step of the action: the main step by default, or `options.entry` (POST_ENTRY for the post step).
 * `options.state` is what an earlier step saved (as `state` in this function's result): the runner hands it to the
 * post step as `STATE_<name>` variables.
 */
export const runAction = async (inputs, options = {}) => {
  const dir = mkdtempSync(join(tmpdir(), "sociavault-action-"))
  const outputFile = join(dir, "output")
  const summaryFile = join(dir, "summary")
  const stateFile = join(dir, "state")
  writeFileSync(outputFile, "")
  writeFileSync(summaryFile, "")
  writeFileSync(stateFile, "")
  const env = {
    PATH: process.env.PATH ?? "",
    GITHUB_OUTPUT: outputFile,
    GITHUB_STATE: stateFile,
    ...(options.summary === false ? {} : { GITHUB_STEP_SUMMARY: summaryFile }),
    ...options.env
  }
  // As the runner does: INPUT_ + the name in upper case, hyphens kept; STATE_ + the name as saved.
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value
  try {
    const start = process.hrtime.bigint()
    const child = spawn(process.execPath, [options.entry ?? ACTION_ENTRY], { env, stdio: ["ignore", "pipe", "pipe"] })
    // A step that outlives the deadline is killed, so that a test fails on its elapsed time, not on its own timeout.
    let killed = false
    const deadline =
      options.killAfterMillis === undefined
        ? undefined
        : setTimeout(() => {
            killed = true
            child.kill("SIGKILL")
          }, options.killAfterMillis)
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => {
      stdout += chunk.toString()
      options.onStdout?.(chunk.toString())
    })
    child.stderr.on("data", (chunk) => {
      stderr += chunk.toString()
    })
    const exitCode = await new Promise((resolve) => child.on("close", resolve))
    const elapsedMillis = Number(process.hrtime.bigint() - start) / 1e6
    clearTimeout(deadline)
    const summary = options.summary === false ? undefined : readFileSync(summaryFile, "utf8")
    const outputs = parseOutputs(readFileSync(outputFile, "utf8"))
    // GITHUB_STATE has GITHUB_OUTPUT's format.
    const state = parseOutputs(readFileSync(stateFile, "utf8"))
    return { exitCode, stdout, stderr, outputs, state, summary, elapsedMillis, killed }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
