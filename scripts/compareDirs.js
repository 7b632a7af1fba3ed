/**
 * The names of the files that differ between two folders (present in one only, or with other bytes).
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

export const differingFiles = (left, right) => {
  const names = (dir) => readdirSync(dir).sort()
  return [...new Set([...names(left), ...names(right)])].sort().filter((name) => {
    try {
      return !readFileSync(join(left, name)).equals(readFileSync(join(right, name)))
    } catch {
      return true
    }
  })
}
