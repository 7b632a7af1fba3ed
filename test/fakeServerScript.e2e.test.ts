/**
 * `npm run fake-server -- ... &` then `kill $!` (issue 13): the signal goes to npm, which passes it to its child,
 * the shell of the script; the script `exec`s node so that the child is the server itself, and the server stops.
 */
import { spawn } from "node:child_process"
import { once } from "node:events"
import { connect } from "node:net"
import { expect, it } from "vitest"

const ROOT = new URL("..", import.meta.url).pathname

/** Whether something accepts connections on the port (a refusal: nothing listens any more). */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1")
    socket.once("connect", () => {
      socket.destroy()
      resolve(true)
    })
    socket.once("error", () => resolve(false))
  })

it("kill of `npm run fake-server` stops the server", { timeout: 60_000 }, async () => {
  const npm = spawn("npm", ["run", "--silent", "fake-server", "--", "--port", "0"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"]
  })
  try {
    let stdout = ""
    while (!stdout.includes("\n")) {
      const [chunk] = (await Promise.race([once(npm.stdout, "data"), once(npm, "close")])) as [Buffer | number]
      if (!Buffer.isBuffer(chunk)) throw new Error("npm run fake-server ended before printing the URL")
      stdout += chunk.toString()
    }
    const port = Number(new URL(stdout.split("\n")[0]!).port)
    expect(await listening(port)).toBe(true)
    npm.kill("SIGTERM")
    await once(npm, "close")
    expect(await listening(port)).toBe(false)
  } finally {
    if (npm.exitCode === null && npm.signalCode === null) npm.kill("SIGTERM")
  }
})
