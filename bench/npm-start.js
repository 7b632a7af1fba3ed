/**
 * The development loop: `npm start` (build what changed, then run the bundled action once against the embedded
 * fake API) on a checkout that is already built, nothing changed. Run twice; the second run is the figure.
 */
import { spawn } from "node:child_process"

const root = new URL("..", import.meta.url).pathname

const timeNpmStart = () =>
  new Promise((resolve, reject) => {
    const start = process.hrtime.bigint()
    const child = spawn("npm", ["start"], { cwd: root, stdio: "ignore", env: process.env })
    child.on("close", (code) =>
      code === 0 ? resolve(Number(process.hrtime.bigint() - start) / 1e6) : reject(new Error(`npm start exit ${code}`))
    )
  })

export const benchNpmStart = async () => {
  const first = await timeNpmStart()
  const second = await timeNpmStart()
  return { first, second }
}
