/**
 * The `prepack` of every published package: npm runs it in the package's folder before `npm pack` and
 * `npm publish` (so before `changeset publish` too). A clean build, so a tarball never lacks dist/ (a fresh clone
 * has none) nor carries a file whose source was deleted. `tsc -b` alone is not enough: with dist/ deleted but
 * tsconfig.tsbuildinfo kept, it takes the package for built and emits nothing. Referenced packages (the rules) are
 * built by `tsc -b` when they are out of date.
 */
import { execFileSync } from "node:child_process"
import { rmSync } from "node:fs"
import { createRequire } from "node:module"

rmSync("dist", { recursive: true, force: true })
rmSync("tsconfig.tsbuildinfo", { force: true })
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc")
execFileSync(process.execPath, [tsc, "-b"], { stdio: ["ignore", "inherit", "inherit"] })
