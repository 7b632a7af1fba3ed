/**
 * A recording stand-in for @actions/core, as the typescript-action template's tests use one: every output, log
 * line, annotation, saved state and summary part the action leaves, for assertions. Install it with
 * `vi.mock("@actions/core", () => fakeCore(recorded))` where `recorded` comes from `vi.hoisted(newRecording)`.
 */

export interface Recording {
  secrets: Array<string>
  outputs: Record<string, string>
  state: Record<string, string>
  infos: Array<string>
  debugs: Array<string>
  notices: Array<string>
  warnings: Array<string>
  failures: Array<string>
  /** Every summary part in order: headings, raw text and tables (as rows). */
  summary: Array<unknown>
}

export const newRecording = (): Recording => ({
  secrets: [],
  outputs: {},
  state: {},
  infos: [],
  debugs: [],
  notices: [],
  warnings: [],
  failures: [],
  summary: []
})

export const resetRecording = (recorded: Recording): void => {
  for (const value of Object.values(recorded)) {
    if (Array.isArray(value)) value.length = 0
    else for (const key of Object.keys(value)) delete (value as Record<string, string>)[key]
  }
}

export const fakeCore = (recorded: Recording) => {
  const summary = {
    addHeading(text: string) {
      recorded.summary.push({ heading: text })
      return summary
    },
    addRaw(text: string) {
      recorded.summary.push({ raw: text })
      return summary
    },
    addTable(rows: unknown) {
      recorded.summary.push({ table: rows })
      return summary
    },
    write: async () => summary
  }
  return {
    getInput: () => "",
    getState: (name: string) => recorded.state[name] ?? "",
    saveState: (name: string, value: unknown) => {
      recorded.state[name] = String(value)
    },
    setSecret: (secret: string) => void recorded.secrets.push(secret),
    setOutput: (name: string, value: string) => {
      recorded.outputs[name] = value
    },
    info: (line: string) => void recorded.infos.push(line),
    debug: (line: string) => void recorded.debugs.push(line),
    notice: (line: string) => void recorded.notices.push(line),
    warning: (line: string) => void recorded.warnings.push(line),
    setFailed: (line: string) => void recorded.failures.push(line),
    summary
  }
}
