/**
 * The action's cold run, `node dist/index.js` making one check against a loopback server, side by side with the
 * Effect 3 bundle this repository shipped before the move to Effect 4 (taken from git at BASELINE_COMMIT) and with
 * the floor: a bare node:http one-shot script making the same request. Median wall time over RUNS runs each,
 * interleaved.
 */
import { execFileSync, spawn } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { DEMO_API_KEY, startFakeSociaVault } from "@sociavault-credits/fake-server"
import { ACTION_ENTRY } from "../scripts/runAction.js"

const RUNS = 15
/** The last commit whose dist/ was the Effect 3 action. */
const BASELINE_COMMIT = "38685df"

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

/** The Effect 3 bundle, written from git into .bench/ (ignored); undefined outside a git checkout with that commit. */
const effect3Bundle = () => {
  const dir = new URL("../.bench/action-effect3/", import.meta.url).pathname
  const entry = join(dir, "index.js")
  if (existsSync(entry)) return entry
  try {
    const bundle = execFileSync("git", ["show", `${BASELINE_COMMIT}:dist/index.js`], { maxBuffer: 1 << 26 })
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n')
    writeFileSync(entry, bundle)
    return entry
  } catch {
    return undefined
  }
}

export const benchActionColdStart = async () => {
  const server = await startFakeSociaVault()
  const actionEnv = { "INPUT_API-KEY": DEMO_API_KEY, "INPUT_BASE-URL": server.url, GITHUB_OUTPUT: "/dev/null" }
  const floorEnv = { TARGET: `${server.url}/v1/credits`, KEY: DEMO_API_KEY }
  const baseline = effect3Bundle()
  const action = []
  const effect3 = []
  const floor = []
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      const a = await timeProcess([ACTION_ENTRY], actionEnv)
      const b = baseline === undefined ? Number.NaN : await timeProcess([baseline], actionEnv)
      const f = await timeProcess(["-e", ONE_SHOT], floorEnv)
      // The first round warms the file cache; it is not counted.
      if (i > 0) {
        action.push(a)
        effect3.push(b)
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
    effect3Millis: median(effect3),
    floorMillis: median(floor),
    ratio: median(action) / median(floor),
    effect3Ratio: median(effect3) / median(floor),
    distBytes: sizeOf(distDir)
  }
}
