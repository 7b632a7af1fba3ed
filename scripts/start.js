/**
 * `npm start`: the main job. Runs the bundled action's main step (dist/index.js), then its post step
 * (dist/post.js) with the state the main step saved, as a runner does when the job ends, and prints what each did,
 * the outputs and the job summary, readably.
 *
 * Without SOCIAVAULT_API_KEY it runs against the embedded fake SociaVault API, which spends DEMO_SPEND credits per
 * read so that the post step has a spend to report; with it, against the real API (or SOCIAVAULT_BASE_URL).
 * Thresholds: `npm start -- --min-credits 100 --warn-credits 500 --require-active --max-spend 10`.
 */
import { parseArgs } from "node:util"
import { DEMO_API_KEY, startFakeSociaVault } from "@sociavault-credits/fake-server"
import { POST_ENTRY, runAction } from "./runAction.js"

/** Credits the embedded fake API spends on each read: the post step then reports a spend. */
const DEMO_SPEND = 25

const USAGE = `npm start [-- --min-credits N] [--warn-credits N] [--require-active] [--max-spend N]

Runs the bundled action as a runner would: the main step (dist/index.js), then the post step (dist/post.js) that
reports what the job spent, and prints their logs, outputs and job summary. Without SOCIAVAULT_API_KEY it checks an
embedded fake SociaVault API (950 credits, active, ${DEMO_SPEND} credits spent per read); with it, the real API
(or SOCIAVAULT_BASE_URL).`

let values
try {
  ;({ values } = parseArgs({
    options: {
      "min-credits": { type: "string", default: "0" },
      "warn-credits": { type: "string", default: "" },
      "require-active": { type: "boolean", default: false },
      "max-spend": { type: "string", default: "" },
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
const fake = realKey === "" ? await startFakeSociaVault({ spendPerRead: DEMO_SPEND }) : undefined
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
    .replace(/^::notice::/, "notice: ")
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

/** Prints what a step did: its log, what it wrote to stderr, and its part of the job summary. */
const report = (run) => {
  const log = run.stdout.split("\n").map(readable).filter(Boolean)
  console.log(`\n${log.map((line) => `  ${line}`).join("\n")}`)
  if (run.stderr.trim() !== "") console.log(`\nstderr:\n${run.stderr}`)
}

const inputs = {
  "api-key": realKey || DEMO_API_KEY,
  "base-url": target,
  "min-credits": values["min-credits"],
  "warn-credits": values["warn-credits"],
  "require-active-subscription": String(values["require-active"]),
  "max-spend": values["max-spend"]
}

try {
  const run = await runAction(inputs)
  report(run)
  console.log("\nOutputs:")
  for (const [name, value] of Object.entries(run.outputs)) console.log(`  ${name} = ${JSON.stringify(value)}`)
  if (run.outputs.credits === undefined) console.log("  (the balance was not read: outcome only)")
  if (run.summary) console.log(`\nJob summary:\n${tableText(run.summary)}`)
  console.log(`\nThe step ${run.exitCode === 0 ? "passed" : "failed"} (exit code ${run.exitCode}).`)

  // When the job ends, failed or not (post-if: always()), the runner runs the post step with the saved state.
  console.log("\nWhen the job ends, the post step:")
  const post = await runAction(inputs, { entry: POST_ENTRY, state: run.state })
  report(post)
  if (post.summary) console.log(`\nJob summary:\n${tableText(post.summary)}`)
  console.log(`\nThe post step ${post.exitCode === 0 ? "passed" : "failed"} (exit code ${post.exitCode}).`)
  process.exitCode = run.exitCode || post.exitCode || 0
} finally {
  await fake?.close()
}
