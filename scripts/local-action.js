/**
 * `npm run local-action`: runs packages/action/src/main.ts through @github/local-action, as the typescript-action
 * template does, against the embedded fake SociaVault API, started on the port of the file's INPUT_BASE-URL.
 * Inputs come from .env (or .env.example, or the file given as the first argument).
 *
 * local-action stubs @actions/core 2.x; this action uses @actions/core 3, which it does not intercept, so its
 * "Action Outputs" table stays empty. The real @actions/core writes the outputs to GITHUB_OUTPUT, which this
 * script points at a temporary file and prints afterwards.
 */
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { startFakeSociaVault } from "@sociavault-credits/fake-server"

// `npm run local-action -- other.env` reads another file.
const envFile = process.argv[2] ?? (existsSync(".env") ? ".env" : ".env.example")
// local-action loads the file over the environment, so the fake API listens where the file's base URL points.
const baseUrl = /^INPUT_BASE-URL=(.+)$/m.exec(readFileSync(envFile, "utf8"))?.[1] ?? "http://127.0.0.1:8787"
const port = Number(new URL(baseUrl).port)
const server = await startFakeSociaVault({ port }).catch((error) => {
  if (error?.code !== "EADDRINUSE") throw error
  // One line, not a stack: the fix is the user's, and it is either of these.
  console.error(
    `local-action: port ${port} is in use (INPUT_BASE-URL in ${envFile}); stop what listens there, or copy .env.example to .env and set INPUT_BASE-URL to a free port`
  )
  process.exit(1)
})
const dir = mkdtempSync(join(tmpdir(), "sociavault-local-action-"))
const outputFile = join(dir, "output")
writeFileSync(outputFile, "")
try {
  const env = { ...process.env, GITHUB_OUTPUT: outputFile }
  const child = spawn("npx", ["local-action", "run", ".", "packages/action/src/main.ts", envFile], {
    env,
    stdio: "inherit"
  })
  const code = await new Promise((resolve) => child.on("close", resolve))
  console.log(
    `\nlocal-action's "Action Outputs" shows none: it intercepts @actions/core 2, and this action uses @actions/core 3,` +
      ` which writes the outputs to GITHUB_OUTPUT. They were (${envFile}, fake API at ${server.url}):`
  )
  console.log(readFileSync(outputFile, "utf8").replace(/^(.+)<<(.+)\n([\s\S]*?)\n\2$/gm, "  $1=$3"))
  process.exitCode = Number(code ?? 1)
} finally {
  rmSync(dir, { recursive: true, force: true })
  await server.close()
}
