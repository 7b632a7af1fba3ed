/**
 * Which Node builtins a bundle loads in one run: the environment to run it with (a preload that records them at
 * exit) and the reading of the record.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const PRELOAD = new URL("./loadedBuiltins.cjs", import.meta.url).pathname

/** Runs `run` with the recording environment and gives what it returned and the builtins it loaded. */
export const withLoadedBuiltins = async <A>(
  run: (env: Record<string, string>) => Promise<A>
): Promise<{ readonly result: A; readonly builtins: ReadonlySet<string> }> => {
  const dir = mkdtempSync(join(tmpdir(), "sociavault-builtins-"))
  const file = join(dir, "loaded")
  try {
    const result = await run({ NODE_OPTIONS: `--require ${PRELOAD}`, LOADED_BUILTINS_FILE: file })
    return { result, builtins: new Set(readFileSync(file, "utf8").split("\n")) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * What the direct (node:http) path must never load: Node's internal undici (which an ESM `import "node:http"` loads
 * in Node 24), the zlib and http2 our undici needs, and webcrypto (which an ESM `import "crypto"` loads).
 */
export const NOT_ON_THE_DIRECT_PATH = ["internal/deps/undici/undici", "zlib", "http2", "internal/crypto/webcrypto"]
