/**
 * How long a failing check really takes against its timeout, for the bundled action (dist/index.js, as a runner
 * starts it) and the CLI bundle: the wall time from spawning the process to its exit, when the API never answers,
 * when the proxy never answers CONNECT, and when a 200's body stalls half-way. Target: at most 1.1 x the timeout
 * + 0.5 s. Median of RUNS runs each. `node bench/timeouts.js` alone, or part of `npm run bench`.
 */
import { spawn } from "node:child_process"
import { DEMO_API_KEY, startFakeSociaVault } from "@sociavault-credits/fake-server"
import { runAction } from "../scripts/runAction.js"
import { startForwardProxy } from "../test/support/forwardProxy.ts"
import { CLI_BUNDLE } from "./cli-cold-start.js"

const RUNS = 3
export const TIMEOUT_SECONDS = 3

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const runCli = (baseUrl, env) =>
  new Promise((resolve) => {
    const start = process.hrtime.bigint()
    const child = spawn(process.execPath, [CLI_BUNDLE, "--base-url", baseUrl, "--timeout", String(TIMEOUT_SECONDS)], {
      env: { PATH: process.env.PATH, SOCIAVAULT_API_KEY: DEMO_API_KEY, ...env },
      stdio: "ignore"
    })
    child.on("close", (code) => resolve({ code, millis: Number(process.hrtime.bigint() - start) / 1e6 }))
  })

const runStep = async (baseUrl, env) => {
  const run = await runAction(
    { "api-key": DEMO_API_KEY, "base-url": baseUrl, "timeout-seconds": String(TIMEOUT_SECONDS) },
    { env }
  )
  return { code: run.exitCode, millis: run.elapsedMillis }
}

/** Each scenario sets up its misbehaving peer and gives the base URL and environment to check with. */
const scenarios = {
  "hanging API": async (use) => {
    const api = await startFakeSociaVault()
    try {
      api.enqueue(...Array.from({ length: 10 }, () => ({ kind: "hang" })))
      return await use(api.url, {})
    } finally {
      await api.close()
    }
  },
  "hanging proxy": async (use) => {
    const api = await startFakeSociaVault()
    const proxy = await startForwardProxy({ behaviour: "silentOnConnect" })
    try {
      return await use(api.url, { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url })
    } finally {
      await proxy.close()
      await api.close()
    }
  },
  "stalled body": async (use) => {
    const api = await startFakeSociaVault()
    try {
      // biome-ignore lint/suspicious/noThenProperty: the fake server's name for how a streamed body ends
      const stalled = { kind: "stream", body: '{"credits":9', then: "stall" }
      api.enqueue(...Array.from({ length: 10 }, () => stalled))
      return await use(api.url, {})
    } finally {
      await api.close()
    }
  }
}

export const benchTimeouts = async () => {
  const rows = []
  for (const [program, run] of [
    ["action", runStep],
    ["CLI", runCli]
  ]) {
    for (const [scenario, setUp] of Object.entries(scenarios)) {
      const millis = []
      for (let i = 0; i < RUNS; i++) {
        const result = await setUp(run)
        if (result.code === 0) throw new Error(`${program}, ${scenario}: the check passed`)
        millis.push(result.millis)
      }
      const wall = median(millis)
      rows.push({ program, scenario, millis: wall, ratio: wall / (TIMEOUT_SECONDS * 1000) })
    }
  }
  return { runs: RUNS, timeoutSeconds: TIMEOUT_SECONDS, targetMillis: TIMEOUT_SECONDS * 1100 + 500, rows }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchTimeouts()
  console.log(`A failing check against its ${result.timeoutSeconds} s timeout (median of ${result.runs} runs)`)
  for (const row of result.rows) {
    console.log(
      `  ${row.program.padEnd(7)}${row.scenario.padEnd(15)}${row.millis.toFixed(0).padStart(6)} ms   ${row.ratio.toFixed(2)}x   (target <= ${result.targetMillis} ms)`
    )
  }
}
