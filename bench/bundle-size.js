/**
 * What each committed bundle (scripts/bundles.js) makes Node evaluate at start, per entry: the entry file and the
 * chunks it imports statically, transitively (what `import()` loads on demand is not counted), and the size of
 * everything under the bundle's folder. Read from the minified files as committed.
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { BUNDLES } from "../scripts/bundles.js"

const root = new URL("..", import.meta.url).pathname

/** `import … from "./x.js"`, `export … from "./x.js"` and `import "./x.js"`, but not `import("./x.js")`. */
const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{][^"'();]*?from\s*)?["'](\.\/[^"']+)["']/g

const startFiles = (dir, file, seen = new Set()) => {
  if (seen.has(file)) return seen
  seen.add(file)
  for (const [, imported] of readFileSync(join(dir, file), "utf8").matchAll(STATIC_IMPORT))
    startFiles(dir, imported.replace(/^\.\//, ""), seen)
  return seen
}

export const benchBundleSizes = () =>
  BUNDLES.map((bundle) => {
    const dir = join(root, bundle.dir)
    const total = readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
    const entries = Object.keys(bundle.entries).map((name) => {
      const files = [...startFiles(dir, `${name}.js`)]
      return {
        entry: `${bundle.dir}/${name}.js`,
        files,
        startBytes: files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0)
      }
    })
    return { name: bundle.name, dir: bundle.dir, totalBytes: total, entries }
  })
