/**
 * Runs a Node script as its own process (on the Node running the tests) to its end, and gives back its exit code
 * and everything it printed.
 */
import { spawn } from "node:child_process"

export interface NodeRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

export const runNode = (
  args: ReadonlyArray<string>,
  options: { readonly cwd?: string | URL; readonly env?: NodeJS.ProcessEnv } = {}
): Promise<NodeRun> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, args, { ...options, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on("close", (code) => resolve({ code, stdout, stderr }))
  })
