/**
 * Runs the bundled action the way a runner does: `node dist/index.js` with INPUT_* variables and
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, and reads back what it left.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

export const ACTION_ENTRY = new URL("../../dist/index.js", import.meta.url).pathname

export interface ActionRun {
  readonly exitCode: number | null
  readonly stdout: string
  readonly stderr: string
  readonly outputs: Record<string, string>
  readonly summary: string | undefined
}

/** Parses GITHUB_OUTPUT's `name<<delimiter` blocks. */
const parseOutputs = (text: string): Record<string, string> => {
  const outputs: Record<string, string> = {}
  const lines = text.split("\n")
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]!)
    if (match === null) continue
    const [, name, delimiter] = match
    const value: Array<string> = []
    while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i]!)
    outputs[name!] = value.join("\n")
  }
  return outputs
}

export const runAction = async (
  inputs: Record<string, string>,
  options: { readonly env?: Record<string, string>; readonly summary?: boolean } = {}
): Promise<ActionRun> => {
  const dir = mkdtempSync(join(tmpdir(), "sociavault-action-"))
  const outputFile = join(dir, "output")
  const summaryFile = join(dir, "summary")
  writeFileSync(outputFile, "")
  writeFileSync(summaryFile, "")
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    GITHUB_OUTPUT: outputFile,
    ...(options.summary === false ? {} : { GITHUB_STEP_SUMMARY: summaryFile }),
    ...options.env
  }
  // As the runner does: INPUT_ + the name in upper case, hyphens kept.
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  try {
    const child = spawn(process.execPath, [ACTION_ENTRY], { env, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const exitCode = await new Promise<number | null>((resolve) => child.on("close", resolve))
    const summary = options.summary === false ? undefined : readFileSync(summaryFile, "utf8")
    return { exitCode, stdout, stderr, outputs: parseOutputs(readFileSync(outputFile, "utf8")), summary }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
