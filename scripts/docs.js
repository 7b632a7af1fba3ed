/**
 * `npm run docs`: the API reference of @sociavault-credits/core and @sociavault-credits/rules, generated from their
 * JSDoc by @effect/docgen into packages/{core,rules}/docs/ (markdown for GitHub Pages' just-the-docs; generated,
 * not committed).
 *
 * docgen type-checks every `@example` (tsc) and then runs them all (tsx). The SDK's examples read a real balance,
 * so this script starts the fake SociaVault API on a free loopback port and gives the examples its URL and demo
 * key through SOCIAVAULT_BASE_URL and SOCIAVAULT_API_KEY. Needs a build first (`npm run docs` does `tsc -b`).
 */
import { spawn } from "node:child_process"
import { readdirSync, readFileSync, writeFileSync } from "node:fs"
import { delimiter, join } from "node:path"
import { fileURLToPath } from "node:url"
import { DEMO_API_KEY, startFakeSociaVault } from "@sociavault-credits/fake-server"

const root = fileURLToPath(new URL("..", import.meta.url))
const PACKAGES = ["packages/core", "packages/rules"]

/** Runs docgen in one package; resolves with its exit code and everything it printed. */
const docgen = (dir, env) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, "node_modules/@effect/docgen/bin.cjs")], {
      cwd: join(root, dir),
      env,
      stdio: ["ignore", "pipe", "pipe"]
    })
    let output = ""
    child.stdout.on("data", (chunk) => {
      output += chunk
    })
    child.stderr.on("data", (chunk) => {
      output += chunk
    })
    child.on("close", (code) => resolve({ code, output }))
  })

/**
 * docgen's prettier turns each module page's opening `---` into a `***` thematic break, so Jekyll would not see
 * its front matter; put it back.
 */
const fixFrontMatter = (dir) => {
  const modules = join(root, dir, "docs", "modules")
  for (const file of readdirSync(modules).filter((name) => name.endsWith(".md"))) {
    const text = readFileSync(join(modules, file), "utf8")
    if (text.startsWith("***\n\n")) writeFileSync(join(modules, file), `---\n${text.slice(5)}`)
  }
}

const server = await startFakeSociaVault()
try {
  const env = {
    ...process.env,
    // docgen runs `tsc` and `tsx` from the PATH: this repository's own, whatever started this script.
    PATH: [join(root, "node_modules", ".bin"), process.env.PATH ?? ""].join(delimiter),
    SOCIAVAULT_API_KEY: DEMO_API_KEY,
    SOCIAVAULT_BASE_URL: server.url
  }
  for (const dir of PACKAGES) {
    const started = Date.now()
    const { code, output } = await docgen(dir, env)
    if (code !== 0) {
      process.stderr.write(output)
      console.error(`docs: docgen failed in ${dir} (exit code ${code})`)
      process.exitCode = 1
      break
    }
    fixFrontMatter(dir)
    const examples = /(\d+) example\(s\) found/.exec(output)?.[1] ?? "0"
    console.log(`docs: ${dir}/docs (${examples} examples type-checked and run, ${Date.now() - started} ms)`)
  }
  console.log(`docs: the examples made ${server.requests.length} requests to the fake SociaVault API`)
} finally {
  await server.close()
}
