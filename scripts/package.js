/**
 * Bundles the action (packages/action, compiled by tsc) into one ESM file with @vercel/ncc, with the licenses
 * of everything bundled. `node scripts/package.js [outDir]`; outDir defaults to dist/.
 */
import { execFileSync } from "node:child_process"

const outDir = process.argv[2] ?? "dist"
const run = (command, args) => execFileSync(command, args, { stdio: ["ignore", "inherit", "inherit"] })

run("npx", ["tsc", "-b", "packages/action"])
run("npx", [
  "ncc",
  "build",
  "packages/action/dist/index.js",
  "-o",
  outDir,
  "--minify",
  "--license",
  "licenses.txt",
  "--quiet"
])
