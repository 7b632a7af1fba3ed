/** What a run of the bundled action left behind. */
export interface ActionRun {
  readonly exitCode: number | null
  readonly stdout: string
  readonly stderr: string
  readonly outputs: Record<string, string>
  /** What the step saved for a later one (GITHUB_STATE), by name. */
  readonly state: Record<string, string>
  readonly summary: string | undefined
  /** Wall time from spawning the process to its exit. */
  readonly elapsedMillis: number
  /** Whether the process outlived `killAfterMillis` and was killed. */
  readonly killed: boolean
}

export interface RunOptions {
  /** Extra environment variables (the run gets only PATH and these, like a clean runner step). */
  readonly env?: Record<string, string>
  /** false: no GITHUB_STEP_SUMMARY, as on older GitHub Enterprise Server runners. */
  readonly summary?: boolean
  /** Called with stdout as it arrives. */
  readonly onStdout?: (chunk: string) => void
  /** Kill the process (SIGKILL) if it is still running after this long. */
  readonly killAfterMillis?: number
  /** The bundle to run: the main step (ACTION_ENTRY) by default, POST_ENTRY for the post step. */
  readonly entry?: string
  /** The state an earlier step saved, handed to this one as STATE_<name> variables. */
  readonly state?: Record<string, string>
}

export declare const ACTION_ENTRY: string
export declare const POST_ENTRY: string
export declare const parseOutputs: (text: string) => Record<string, string>
export declare const runAction: (inputs: Record<string, string>, options?: RunOptions) => Promise<ActionRun>
