/**
 * The CLI's cold run: the bundle (packages/cli/bin/, what `npm install -g` installs) making one
 * check against a loopback server, side by side with the floor, `node -e 0`, and with the CLI as it ran before it
 * was bundled (packages/cli/dist/bin.js, compiled by tsc, its dependencies read from node_modules). Median wall time
 * over RUNS runs each, interleaved; the first round only warms the file cache.
 */
import { spawn } from "node:child_process"
import { statSync } from "node:fs"
import { DEMO_API_KEY, startFakeSociaVault } from "@sociavault-credits/fake-server"

const RUNS = 21
export const CLI_BUNDLE = new URL("../packages/cli/bin/sociavault-credits.js", import.meta.url).pathname
const CLI_UNBUNDLED = new URL("../packages/cli/dist/bin.js", import.meta.url).pathname

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const timeProcess = (args, env = {}) =>
  new Promise((resolve, reject) => {
    const start = process.hrtime.bigint()
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH, ...env }, stdio: "ignore" })
    child.on("close", (code) =>
      code === 0 ? resolve(Number(process.hrtime.bigint() - start) / 1e6) : reject(new Error(`${args} exit ${code}`))
    )
  })

export const benchCliColdStart = async () => {
  const server = await startFakeSociaVault()
  const check = ["--base-url", server.url]
  const env = { SOCIAVAULT_API_KEY: DEMO_API_KEY }
  const runs = { floor: [], check: [], version: [], help: [], unbundled: [] }
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      const round = {
        floor: await timeProcess(["-e", "0"]),
        check: await timeProcess([CLI_BUNDLE, ...check], env),
        version: await timeProcess([CLI_BUNDLE, "--version"]),
        help: await timeProcess([CLI_BUNDLE, "--help"]),
        unbundled: await timeProcess([CLI_UNBUNDLED, ...check], env)
      }
      if (i > 0) for (const [name, millis] of Object.entries(round)) runs[name].push(millis)
    }
  } finally {
    await server.close()
  }
  const floor = median(runs.floor)
  const result = { runs: RUNS, floorMillis: floor, bundleBytes: statSync(CLI_BUNDLE).size }
  for (const name of ["check", "version", "help", "unbundled"]) {
    result[`${name}Millis`] = median(runs[name])
    result[`${name}Ratio`] = median(runs[name]) / floor
  }
  return result
}
