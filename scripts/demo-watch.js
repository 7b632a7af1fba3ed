/**
 * `npm run demo:watch`: `sociavault-credits watch` against the embedded fake SociaVault API, which spends 5 credits
 * on every read, with its Prometheus metrics on a free port. Ctrl-C stops both: the terminal sends SIGINT to the
 * whole foreground group, watch ends (exit 0), then this script closes the fake server and exits; nothing is left
 * running. Extra flags go to watch: `npm run demo:watch -- --json --min-credits 900`.
 */
import { spawn } from "node:child_process"
import { DEMO_API_KEY, startFakeSociaVault } from "@sociavault-credits/fake-server"

const SPEND_PER_READ = 5
const INTERVAL_SECONDS = "2"
const BIN = new URL("../packages/cli/dist/bin.js", import.meta.url).pathname

const fake = await startFakeSociaVault({ spendPerRead: SPEND_PER_READ })
console.error(
  `demo: a fake SociaVault API on ${fake.url} spending ${SPEND_PER_READ} credits per read; Ctrl-C to stop\n` +
    `demo: sociavault-credits watch --interval ${INTERVAL_SECONDS} --metrics-port 0 ${process.argv.slice(2).join(" ")}`
)

const watch = spawn(
  process.execPath,
  [
    BIN,
    "watch",
    "--interval",
    INTERVAL_SECONDS,
    "--base-url",
    fake.url,
    "--metrics-port",
    "0",
    ...process.argv.slice(2)
  ],
  { stdio: "inherit", env: { ...process.env, SOCIAVAULT_API_KEY: DEMO_API_KEY } }
)

// The signal reaches watch too (same group from a terminal; passed on when only this process gets it): wait for it.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (watch.exitCode === null) watch.kill(signal)
  })
}

watch.on("close", async (code) => {
  await fake.close()
  process.exit(code ?? 0)
})
