/**
 * Peak memory (max RSS) of the bundled action checking a normal balance, a 50 MB body and issue 13's gzip bomb (a
 * valid balance followed by 64 MiB of spaces, ~64 KB gzipped, sent with `Content-Encoding: gzip` although never
 * asked for), on both transports: node:http (no proxy variable) and undici's fetch through a tunnel proxy
 * (HTTP_PROXY). Each case is its own process against the fake server on loopback. The hostile bodies must cost
 * about what a normal run costs: neither transport inflates, and the SDK stops reading at 64 KB.
 */
import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { gzipSync } from "node:zlib"
import { DEMO_API_KEY, startFakeSociaVault } from "@sociavault-credits/fake-server"
import { ACTION_ENTRY } from "../scripts/runAction.js"
import { startForwardProxy } from "../test/support/forwardProxy.ts"

const GNU_TIME = "/usr/bin/time"
const RUNS = 3

/** Max RSS in KB of `node dist/index.js`, as GNU time reports it. */
const maxRss = (env) =>
  new Promise((resolve, reject) => {
    const child = spawn(GNU_TIME, ["-f", "%M", process.execPath, ACTION_ENTRY], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ["ignore", "ignore", "pipe"]
    })
    let stderr = ""
    child.stderr.on("data", (chunk) => {
      stderr += chunk
    })
    child.on("close", () => {
      const kb = Number(stderr.trim().split("\n").pop())
      Number.isFinite(kb) ? resolve(kb) : reject(new Error(`no RSS figure in: ${stderr}`))
    })
  })

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

export const benchActionMemory = async () => {
  if (!existsSync(GNU_TIME)) return undefined
  const server = await startFakeSociaVault()
  const proxy = await startForwardProxy()
  const balance = '{"credits":950,"subscriptionStatus":"active","subscriptionId":null}'
  const bomb = gzipSync(Buffer.concat([Buffer.from(balance), Buffer.alloc(64 << 20, 0x20)]), { level: 9 })
  const big = Buffer.alloc(50 * 1024 * 1024, 0x20)
  const env = { "INPUT_API-KEY": DEMO_API_KEY, "INPUT_BASE-URL": server.url, GITHUB_OUTPUT: "/dev/null" }
  const gzipBomb = () => server.enqueue({ kind: "stream", body: bomb, headers: { "content-encoding": "gzip" } })
  const transports = { "node:http": env, "undici via proxy": { ...env, HTTP_PROXY: proxy.url } }
  const cases = {
    normal: () => undefined,
    "50 MB body": () => server.enqueue({ kind: "stream", body: big }),
    [`gzip bomb (${Math.round(bomb.length / 1024)} KB -> 64 MiB)`]: gzipBomb
  }
  const rows = []
  try {
    for (const [transport, transportEnv] of Object.entries(transports)) {
      for (const [name, arrange] of Object.entries(cases)) {
        const samples = []
        for (let i = 0; i < RUNS; i++) {
          server.reset()
          arrange()
          samples.push(await maxRss(transportEnv))
        }
        rows.push({ transport, name, kb: median(samples) })
      }
    }
  } finally {
    await proxy.close()
    await server.close()
  }
  const normal = (transport) => rows.find((row) => row.transport === transport && row.name === "normal").kb
  return rows.map((row) => ({ ...row, growthKb: row.kb - normal(row.transport) }))
}
