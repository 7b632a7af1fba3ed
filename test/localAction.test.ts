/**
 * `npm run local-action` (scripts/local-action.js): the action's TypeScript through @github/local-action against the
 * fake API, its real outputs printed after local-action's empty table, and one clear line when the port is taken.
 */
import { once } from "node:events"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createServer, type Server } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { runNode } from "./support/runNode.js"

const root = new URL("../", import.meta.url).pathname

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "local-action-test-"))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** An env file like .env.example, with the base URL on `port`. */
const envFile = (port: number) => {
  const path = join(dir, "test.env")
  const example = readFileSync(join(root, ".env.example"), "utf8")
  writeFileSync(path, example.replace(/^INPUT_BASE-URL=.*$/m, `INPUT_BASE-URL=http://127.0.0.1:${port}`))
  return path
}

const listen = async (): Promise<Server & { port: number }> => {
  const server = createServer().listen(0, "127.0.0.1")
  await once(server, "listening")
  return Object.assign(server, { port: (server.address() as { port: number }).port })
}

const localAction = (file: string) =>
  runNode(["scripts/local-action.js", file], {
    cwd: root
  })

describe("npm run local-action", () => {
  it("fails with one line naming the port and the file when the port is taken", async () => {
    const taken = await listen()
    try {
      const file = envFile(taken.port)
      const { code, stdout, stderr } = await localAction(file)
      expect(code).toBe(1)
      expect(stdout).toBe("")
      expect(stderr).toBe(
        `local-action: port ${taken.port} is in use (INPUT_BASE-URL in ${file}); stop what listens there, or copy .env.example to .env and set INPUT_BASE-URL to a free port\n`
      )
    } finally {
      taken.close()
    }
  })

  it("runs the action and prints the outputs local-action's own table leaves out", async () => {
    const free = await listen()
    free.close()
    await once(free, "close")
    const { code, stdout } = await localAction(envFile(free.port))
    expect(code).toBe(0)
    expect(stdout).toContain("SociaVault balance: 950 credits, subscription active")
    expect(stdout).toContain("No outputs were set!")
    expect(stdout).toContain("it intercepts @actions/core 2, and this action uses @actions/core 3")
    expect(stdout).toMatch(/ {2}credits=950\n {2}subscription-status=active\n/)
    expect(stdout).toContain("  below-threshold=false")
  }, 60_000)
})
