/**
 * `npm run examples:readme`: copies each example program into the README code block marked for it, the block right
 * after a `<!-- example: PATH -->` line. test/examples.test.ts fails while the two differ.
 */
import { readFileSync, writeFileSync } from "node:fs"

const root = new URL("../", import.meta.url)
const readme = new URL("README.md", root)
const block = /<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```\n/g

const text = readFileSync(readme, "utf8")
const updated = []
const next = text.replace(block, (whole, path, code) => {
  const file = readFileSync(new URL(path, root), "utf8")
  if (file === code) return whole
  updated.push(path)
  return `<!-- example: ${path} -->\n\`\`\`ts\n${file}\`\`\`\n`
})
if (next !== text) writeFileSync(readme, next)
console.log(
  updated.length === 0 ? "README.md: every example block is up to date" : `README.md: updated ${updated.join(", ")}`
)
