#!/usr/bin/env node
/**
 * Runs the fake SociaVault API until interrupted, printing `{"url":"http://127.0.0.1:PORT"}` once it listens.
 * Used by the action's self-test workflow and by hand: `sociavault-fake-server --port 8787 --credits 5`.
 */
import { parseArgs } from "node:util"
import { DEMO_API_KEY, DEMO_BALANCE, startFakeSociaVault } from "./index.js"

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    credits: { type: "string" },
    status: { type: "string" }
  }
})

const balance = {
  ...DEMO_BALANCE,
  ...(values.credits === undefined ? {} : { credits: Number(values.credits) }),
  ...(values.status === undefined ? {} : { subscriptionStatus: values.status })
}
const server = await startFakeSociaVault({
  host: values.host,
  port: Number(values.port),
  users: { [DEMO_API_KEY]: balance }
})
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`)
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)))
}
