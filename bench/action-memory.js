/**
 * Peak memory (max RSS) of the bundled action checking a normal balance, a 50 MB body and a gzip bomb (300 MB once
 * inflated), each run as its own process against the fake server on loopback. The hostile bodies must cost about
 * what a normal run costs: the SDK stops reading at 64 KB.
 */
import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { gzipSync } from "node:zlib"
import { DEMO_API_KEY, startFakeSociaVault } from "@sociavault-credits/fake-server"
import { ACTION_ENTRY } from "../scripts/runAction.js"

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
  const bomb = gzipSync(Buffer.alloc(300 * 1024 * 1024, 0x20), { level: 9 })
  const big = Buffer.alloc(50 * 1024 * 1024, 0x20)
  const env = { "INPUT_API-KEY": DEMO_API_KEY, "INPUT_BASE-URL": server.url, GITHUB_OUTPUT: "/dev/null" }
  const cases = {
    normal: () => undefined,
    body50MB: () => server.enqueue({ kind: "stream", body: big }),
    gzipBomb: () => server.enqueue({ kind: "stream", body: bomb, headers: { "content-encoding": "gzip" } })
  }
  const results = {}
  try {
    for (const [name, arrange] of Object.entries(cases)) {
      const samples = []
      for (let i = 0; i < RUNS; i++) {
        server.reset()
        arrange()
        samples.push(await maxRss(env))
      }
      results[name] = median(samples)
    }
  } finally {
    await server.close()
  }
  return { ...results, bombBytes: bomb.length }
}
