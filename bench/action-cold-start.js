/**
 * The action's cold run, `node dist/<entry>.js` making one check against a loopback server as a runner starts it,
 * side by side with the floor, a bare node:http one-shot script making the same request, and with the Effect 3
 * bundle this repository shipped before the move to Effect 4 (taken from git at BASELINE_COMMIT). The main step is
 * also run through a tunnel proxy (HTTP_PROXY: the undici path). Median wall time over RUNS runs each, interleaved.
 *
 * Every step of the action is a row of ACTION_STEPS: the `post:` step (dist/post.js) is one more line.
 */
import { execFileSync, spawn } from "node:child_process"
import { existsSync, mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { DEMO_API_KEY, startFakeSociaVault } from "@sociavault-credits/fake-server"
import { ACTION_ENTRY, POST_ENTRY } from "../scripts/runAction.js"
import { startForwardProxy } from "../test/support/forwardProxy.ts"

const RUNS = 15
/** The last commit whose dist/ was the Effect 3 action. */
const BASELINE_COMMIT = "38685df"

/**
 * The action's entry points, each measured against the floor: name -> the file, and what the runner gives that step
 * beside the inputs. The post step gets the state a main step saved (a starting balance read a minute ago), so it
 * makes its one request and reports the spend, as after a real job.
 */
export const ACTION_STEPS = {
  "main step (dist/index.js)": { entry: ACTION_ENTRY, env: {} },
  "post step (dist/post.js)": {
    entry: POST_ENTRY,
    env: { "STATE_start-credits": "1010", "STATE_started-at": String(Date.now() - 60_000) }
  }
}

export const ONE_SHOT = `
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
      code === 0 ? resolve(Number(process.hrtime.bigint() - start) / 1e6) : reject(new Error(`${args} exit ${code}`))
    )
  })

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
  const proxy = await startForwardProxy()
  const actionEnv = { "INPUT_API-KEY": DEMO_API_KEY, "INPUT_BASE-URL": server.url, GITHUB_OUTPUT: "/dev/null" }
  const floorEnv = { TARGET: `${server.url}/v1/credits`, KEY: DEMO_API_KEY }
  const baseline = effect3Bundle()
  /** name -> [args, env] */
  const runs = {
    floor: [["-e", ONE_SHOT], floorEnv],
    ...Object.fromEntries(
      Object.entries(ACTION_STEPS).map(([name, step]) => [name, [[step.entry], { ...actionEnv, ...step.env }]])
    ),
    "main step through HTTP_PROXY (undici)": [[ACTION_ENTRY], { ...actionEnv, HTTP_PROXY: proxy.url }],
    ...(baseline === undefined ? {} : { "Effect 3 action (old, ncc)": [[baseline], actionEnv] })
  }
  const samples = Object.fromEntries(Object.keys(runs).map((name) => [name, []]))
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      for (const [name, [args, env]] of Object.entries(runs)) {
        const millis = await timeProcess(args, env)
        // The first round warms the file cache; it is not counted.
        if (i > 0) samples[name].push(millis)
      }
    }
  } finally {
    await proxy.close()
    await server.close()
  }
  const floorMillis = median(samples.floor)
  const { floor: _, ...rest } = samples
  return {
    runs: RUNS,
    floorMillis,
    rows: Object.entries(rest).map(([name, values]) => ({
      name,
      millis: median(values),
      ratio: median(values) / floorMillis
    }))
  }
}
