/**
 * The action's post step, as the runner starts it when the job ends (`node dist/post.js`): it only calls runPost(),
 * so that tests can import the program without starting it.
 */
import { runPost } from "./spend.js"

await runPost()
