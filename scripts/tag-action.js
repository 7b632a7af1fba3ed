/**
 * Tags a release of the GitHub Action, the way the typescript-action template's script/release does by hand, but
 * from the version `changeset version` gave packages/action: creates `vX.Y.Z` on HEAD and moves the major tag `vX`
 * (what workflows pin: `uses: sociavault-credits/sociavault-credits@v1`) to it, then pushes both. Does nothing when `vX.Y.Z` exists
 * already, locally or on the remote, so the release workflow can run it after every publish. A prerelease version
 * (`2.0.0-rc.1`) is tagged without moving the major tag.
 *
 * `node scripts/tag-action.js [--dry-run] [--remote origin]`: --dry-run prints the git commands instead.
 */
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"

const { values } = parseArgs({
  options: { "dry-run": { type: "boolean", default: false }, remote: { type: "string", default: "origin" } }
})
const dryRun = values["dry-run"]
const remote = values.remote

const { version } = JSON.parse(readFileSync("packages/action/package.json", "utf8"))
const parsed = /^(\d+)\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.exec(version)
if (parsed === null) {
  console.error(`packages/action/package.json has version "${version}", not X.Y.Z: nothing tagged.`)
  process.exit(1)
}
const tag = `v${version}`
const major = parsed[2] === undefined ? `v${parsed[1]}` : undefined

const git = (...args) => execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim()
const onRemote = (name) => {
  try {
    execFileSync("git", ["ls-remote", "--exit-code", "--tags", remote, `refs/tags/${name}`], { stdio: "ignore" })
    return true
  } catch {
    return false
  }
}

if (git("tag", "--list", tag) !== "" || onRemote(tag)) {
  console.log(`${tag} exists: nothing to tag.`)
} else {
  const commands = [
    ["tag", "-a", tag, "-m", tag],
    ...(major === undefined ? [] : [["tag", "-f", "-a", major, "-m", `${major}: ${tag}`, `${tag}^{commit}`]]),
    ["push", remote, `refs/tags/${tag}`],
    ...(major === undefined ? [] : [["push", "--force", remote, `refs/tags/${major}`]])
  ]
  for (const args of commands) {
    if (dryRun) console.log(`git ${args.join(" ")}`)
    else git(...args)
  }
  if (!dryRun) console.log(major === undefined ? `Tagged ${tag}.` : `Tagged ${tag} and moved ${major} to it.`)
}
