/**
 * Each SDK's getCredits per call against the bare HttpClient of the same Effect major (execute + body read), on
 * the same loopback server. Rounds alternate between the two so that drift in the machine's speed hits both alike.
 */
import { DEMO_API_KEY, startFakeSociaVault } from "@sociavault-credits/fake-server"

const CALLS = 2_000
const ROUNDS = 5

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const time = async (f) => {
  const start = process.hrtime.bigint()
  await f()
  return Number(process.hrtime.bigint() - start) / 1e6
}

/** `makeLoops` is one SDK's loops module (packages/<sdk>/bench/loops.js). */
export const benchSdkPerCall = async (makeLoops) => {
  const server = await startFakeSociaVault()
  const perRound = Math.ceil(CALLS / ROUNDS)
  const loops = makeLoops(server.url, DEMO_API_KEY, perRound)
  try {
    // Warm both paths (JIT, keep-alive connections) before measuring.
    await loops.sdk()
    await loops.bare()
    const sdk = []
    const bare = []
    for (let round = 0; round < ROUNDS; round++) {
      bare.push(await time(loops.bare))
      sdk.push(await time(loops.sdk))
    }
    const sdkMicros = (median(sdk) / perRound) * 1000
    const bareMicros = (median(bare) / perRound) * 1000
    return { calls: perRound * ROUNDS, sdkMicros, bareMicros, ratio: sdkMicros / bareMicros }
  } finally {
    await loops.dispose()
    await server.close()
  }
}
