/**
 * The action's entry point, as the runner starts it (`node dist/index.js`). Apart from one process setting below,
 * it only calls run(), so that @github/local-action and the tests can import main.ts without starting the action.
 */
import { setFlagsFromString } from "node:v8"
import { run } from "./main.js"

// fetch parses HTTP with a WebAssembly build of llhttp. V8 compiles it at once with its baseline compiler (Liftoff),
// then optimises it again on background threads, and Node waits for those before the process may exit: ~150 ms
// of idle time after the step is done, for parsing a single response. The baseline code is ample for that.
setFlagsFromString("--liftoff-only")

await run()
