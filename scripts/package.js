/**
 * `npm run package`: builds the two bundles this repository commits, each one ESM file made by @vercel/ncc from the
 * compiled TypeScript (minified, with the licenses of everything bundled):
 *
 * - the action, dist/index.js, as action.yml runs it;
 * - the CLI, packages/cli/bin/sociavault-credits.js, one executable file with no runtime dependency, the `bin` of
 *   @sociavault-credits/cli.
 *
 * `node scripts/package.js [root]`: the bundles go under root, the repository by default; `npm run check-dist`
 * builds into a temporary root and compares.
 */
import { execFileSync } from "node:child_process"
import { chmodSync, mkdirSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join, resolve } from "node:path"
import { BUNDLES } from "./bundles.js"

const root = resolve(process.argv[2] ?? ".")
const ncc = createRequire(import.meta.url)("@vercel/ncc")

execFileSync("npx", ["tsc", "-b", ...new Set(BUNDLES.map((bundle) => bundle.project))], {
  stdio: ["ignore", "inherit", "inherit"]
})
for (const bundle of BUNDLES) {
  const { code, assets } = await ncc(resolve(bundle.entry), { minify: true, license: "licenses.txt", quiet: true })
  const dir = join(root, bundle.dir)
  mkdirSync(dir, { recursive: true })
  const main = join(dir, bundle.main)
  writeFileSync(main, code)
  if (bundle.executable) chmodSync(main, 0o755)
  for (const [name, asset] of Object.entries(assets)) {
    if (bundle.files.includes(name)) writeFileSync(join(dir, name), asset.source)
  }
}
