/**
 * The action's entry point, as the runner starts it (`node dist/index.js`). It only calls run(), so that
 * @github/local-action and the tests can import main.ts without starting the action.
 */
import { run } from "./main.js"

await run()
