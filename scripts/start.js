/**
 * `npm start`: the main job. Runs the bundled action (dist/index.js) once and prints what it did, its outputs
 * and its job summary, readably.
 *
 * Without SOCIAVAULT_API_KEY it runs against the embedded fake SociaVault API; with it, against the real API
 * (or SOCIAVAULT_BASE_URL). Thresholds: `npm start -- --min-credits 100 --warn-credits 500 --require-active`.
 */
import { parseArgs } from "node:util"
import { DEMO_API_KEY, startFakeSociaVault } from "@sociavault-credits/fake-server"
import { runAction } from "./runAction.js"

const USAGE = `npm start [-- --min-credits N] [--warn-credits N] [--require-active]

Runs the bundled action (dist/index.js) once, as a runner would, and prints its log, outputs and job summary.
Without SOCIAVAULT_API_KEY it checks an embedded fake SociaVault API (950 credits, active); with it, the real API
(or SOCIAVAULT_BASE_URL).`

let values
try {
  ;({ values } = parseArgs({
    options: {
      "min-credits": { type: "string", default: "0" },
      "warn-credits": { type: "string", default: "" },
      "require-active": { type: "boolean", default: false },
      help: { type: "boolean", default: false }
    }
  }))
} catch (error) {
  console.error(`npm start: ${error.message}\n\n${USAGE}`)
  process.exit(2)
}
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}

const realKey = process.env.SOCIAVAULT_API_KEY ?? ""
const fake = realKey === "" ? await startFakeSociaVault() : undefined
const target = fake?.url ?? process.env.SOCIAVAULT_BASE_URL ?? "https://api.sociavault.com"
console.log(
  fake === undefined
    ? `SociaVault credits gate: checking ${target} with SOCIAVAULT_API_KEY`
    : `SociaVault credits gate: SOCIAVAULT_API_KEY is not set, so this runs against the embedded fake API at ${target}`
)

/** Workflow commands, as a person would like to read them. */
const readable = (line) =>
  line
    .replace(/^::add-mask::.*$/, "(the API key is masked from here on)")
    .replace(/^::warning::/, "warning: ")
    .replace(/^::error::/, "error: ")
    .replace(/^::debug::.*$/, "")

/** The summary's cells as a person reads them on GitHub: its character references decoded. */
const unescapeHtml = (text) =>
  text.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code))).replace(/&amp;/g, "&")

/** The summary's HTML table as aligned text columns. */
const tableText = (html) => {
  const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map(([, row]) =>
    [...row.matchAll(/<t[hd]>(.*?)<\/t[hd]>/g)].map(([, cell]) => unescapeHtml(cell))
  )
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length))) ?? []
  return rows.map((row) => `  ${row.map((cell, i) => cell.padEnd(widths[i])).join("  ")}`).join("\n")
}

try {
  const run = await runAction({
    "api-key": realKey || DEMO_API_KEY,
    "base-url": target,
    "min-credits": values["min-credits"],
    "warn-credits": values["warn-credits"],
    "require-active-subscription": String(values["require-active"])
  })
  const log = run.stdout.split("\n").map(readable).filter(Boolean)
  console.log(`\n${log.map((line) => `  ${line}`).join("\n")}`)
  if (run.stderr.trim() !== "") console.log(`\nstderr:\n${run.stderr}`)
  console.log("\nOutputs:")
  for (const [name, value] of Object.entries(run.outputs)) console.log(`  ${name} = ${JSON.stringify(value)}`)
  if (Object.keys(run.outputs).length === 0) console.log("  (none: the balance was not read)")
  if (run.summary) console.log(`\nJob summary:\n${tableText(run.summary)}`)
  console.log(`\nThe step ${run.exitCode === 0 ? "passed" : "failed"} (exit code ${run.exitCode}).`)
  process.exitCode = run.exitCode ?? 1
} finally {
  await fake?.close()
}
