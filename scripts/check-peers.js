/**
 * `npm run check-peers`, part of `npm test`: every workspace package's declared peer (and dependency) ranges must
 * accept what is installed for it, so a test run can never pass on a version the package does not allow, e.g.
 * effect 4.2 while @sociavault-credits/core declares ~4.1 (effect/http is `@stability unstable` and may break in a
 * minor release).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import semver from "semver"

const problems = []
for (const dir of readdirSync("packages")) {
  const manifest = JSON.parse(readFileSync(join("packages", dir, "package.json"), "utf8"))
  for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
    // Node's lookup for a workspace: the package's own node_modules first, then the root's.
    const found = [join("packages", dir, "node_modules", name), join("node_modules", name)]
      .map((folder) => join(folder, "package.json"))
      .find((file) => existsSync(file))
    if (found === undefined) {
      problems.push(`${manifest.name}: ${name} is not installed`)
      continue
    }
    const installed = JSON.parse(readFileSync(found, "utf8")).version
    const ok = semver.satisfies(installed, range)
    if (!ok) problems.push(`${manifest.name}: ${name}@${installed} is installed, but the package declares ${range}`)
  }
}
if (problems.length > 0) {
  for (const problem of problems) console.error(problem)
  process.exitCode = 1
} else {
  console.log("Every package's installed dependencies and peers are within its declared ranges.")
}
