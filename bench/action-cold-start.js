/**
 * The action's cold run, `node dist/index.js` making one check against a loopback server, against the floor: a
 * bare node:http one-shot script making the same request. Median wall time over RUNS runs each, interleaved.
 */
import { spawn } from "node:child_process"
import { readdirSync, statSync } from "node:fs"
import { join } from "node:path"
import { DEMO_API_KEY, startFakeSociaVault } from "@sociavault-credits/fake-server"
import { ACTION_ENTRY } from "../scripts/runAction.js"

const RUNS = 15

const ONE_SHOT = `
const http = require("node:http")
http.get(process.env.TARGET, { headers: { "x-api-key": process.env.KEY, accept: "application/json" } }, (res) => {
  let body = ""
  res.on("data", (c) => (body += c))
  res.on("end", () => { process.stdout.write(String(JSON.parse(body).credits) + "\\n") })
})`

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const timeProcess = (args, env) =>
  new Promise((resolve, reject) => {
    const start = process.hrtime.bigint()
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH, ...env }, stdio: "ignore" })
    child.on("close", (code) =>
      code === 0 ? resolve(Number(process.hrtime.bigint() - start) / 1e6) : reject(new Error(`exit ${code}`))
    )
  })

const sizeOf = (dir) => readdirSync(dir).reduce((total, name) => total + statSync(join(dir, name)).size, 0)

export const benchActionColdStart = async () => {
  const server = await startFakeSociaVault()
  const actionEnv = { "INPUT_API-KEY": DEMO_API_KEY, "INPUT_BASE-URL": server.url, GITHUB_OUTPUT: "/dev/null" }
  const floorEnv = { TARGET: `${server.url}/v1/credits`, KEY: DEMO_API_KEY }
  const action = []
  const floor = []
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      const a = await timeProcess([ACTION_ENTRY], actionEnv)
      const f = await timeProcess(["-e", ONE_SHOT], floorEnv)
      // The first pair warms the file cache; it is not counted.
      if (i > 0) {
        action.push(a)
        floor.push(f)
      }
    }
  } finally {
    await server.close()
  }
  const distDir = new URL("../dist/", import.meta.url).pathname
  return {
    runs: RUNS,
    actionMillis: median(action),
    floorMillis: median(floor),
    ratio: median(action) / median(floor),
    distBytes: sizeOf(distDir)
  }
}
