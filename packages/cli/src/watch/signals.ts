/**
 * How an interrupt (Ctrl-C, SIGINT, SIGTERM) ends the process. A check interrupted before its answer has not
 * passed: 130, as a shell reports Ctrl-C. `watch` runs until it is stopped, so a signal is its normal end: 0.
 *
 * The executable (bin.ts) asks {@link exitCodeOfInterrupt} when its main fiber was interrupted; watch says it is
 * running with {@link endsOnSignal}. Kept apart from watch's own modules, which are loaded only when it runs.
 *
 * @since 2.1.0
 */
import * as Effect from "effect/Effect"

let stoppedBySignalIsNormal = false

/** Marks the running command as one a signal ends normally (exit 0). @since 2.1.0 */
export const endsOnSignal: Effect.Effect<void> = Effect.sync(() => {
  stoppedBySignalIsNormal = true
})

/** The exit code of an interrupted run. @since 2.1.0 */
export const exitCodeOfInterrupt = (): 0 | 130 => (stoppedBySignalIsNormal ? 0 : 130)
