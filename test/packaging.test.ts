/**
 * The packages as npm serves them, and the release rehearsed, without the network and without touching this tree.
 *
 * A fresh copy of the workspace (sources and manifests, no dist/ and no build info, as a clone has), linked to the
 * installed node_modules, where `npm pack` packs every public package: its prepack builds it. Then each tarball's
 * files and manifest are checked, and publint and @arethetypeswrong/cli (the esm-only profile: the packages are ESM
 * only, like Effect 4) run on it. The release: `npm publish --dry-run --offline` of each tarball, `changeset version`
 * on a sample changeset in a copy of the manifests, and the action's tags against a local git remote.
 */
import { execFile } from "node:child_process"
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from "node:fs"
import { tmpdir } from "node:os"
import { basename, delimiter, join } from "node:path"
import { fileURLToPath } from "node:url"
import { DEMO_API_KEY, startFakeSociaVault } from "@sociavault-credits/fake-server"
import { publint } from "publint"
import { formatMessage } from "publint/utils"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startForwardProxy } from "./support/forwardProxy.js"
import { runNode } from "./support/runNode.js"

const root = fileURLToPath(new URL("..", import.meta.url))
const repository = "https://github.com/sociavault-credits/sociavault-credits"

type Manifest = {
  name: string
  version: string
  private?: boolean
  type?: string
  license?: string
  files?: Array<string>
  exports?: unknown
  bin?: string | Record<string, string>
  main?: string
  types?: string
  scripts?: Record<string, string>
  dependencies?: Record<string, string>
}
type Packed = {
  name: string
  version: string
  filename: string
  size: number
  unpackedSize: number
  files: Array<{ path: string }>
}

const readJson = <A>(path: string): A => JSON.parse(readFileSync(path, "utf8")) as A
const workspaces = readdirSync(join(root, "packages"))
  .filter((dir) => existsSync(join(root, "packages", dir, "package.json")))
  .map((dir) => ({ dir, manifest: readJson<Manifest>(join(root, "packages", dir, "package.json")) }))
const publicPackages = workspaces.filter((w) => w.manifest.private !== true)

/** Children run on this Node (24), with none of the npm_* variables of an enclosing `npm test`. */
const childEnv = (extra: Record<string, string> = {}) => {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.toLowerCase().startsWith("npm_")) env[key] = value
  }
  const bin = join(root, "node_modules", ".bin")
  return { ...env, PATH: `${bin}${delimiter}${env.PATH ?? ""}`, npm_config_update_notifier: "false", ...extra }
}
const run = (command: string, args: Array<string>, cwd: string, env: Record<string, string> = {}) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(command, args, { cwd, env: childEnv(env), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1
      resolve({ code, stdout, stderr })
    })
  })
const ok = async (command: string, args: Array<string>, cwd: string, env: Record<string, string> = {}) => {
  const result = await run(command, args, cwd, env)
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited with ${result.code}\n${result.stdout}\n${result.stderr}`)
  }
  return result.stdout
}

/** Every string in an `exports` map (or a `bin`), with the condition names that led to it. */
const targets = (
  value: unknown,
  conditions: Array<string> = []
): Array<{ path: string; conditions: Array<string> }> => {
  if (typeof value === "string") return [{ path: value, conditions }]
  if (value === null || typeof value !== "object") return []
  return Object.entries(value).flatMap(([key, inner]) => targets(inner, [...conditions, key]))
}
const normalise = (path: string) => path.replace(/^\.\//, "")

/** Links the copy to the installed node_modules, with the workspace packages pointing into the copy. */
const linkNodeModules = (copy: string) => {
  const modules = join(copy, "node_modules")
  mkdirSync(join(modules, "@sociavault-credits"), { recursive: true })
  for (const entry of readdirSync(join(root, "node_modules"))) {
    if (entry !== "@sociavault-credits") symlinkSync(join(root, "node_modules", entry), join(modules, entry))
  }
  for (const { dir, manifest } of workspaces) {
    const name = manifest.name.split("/")[1] ?? dir
    symlinkSync(join("..", "..", "packages", dir), join(modules, "@sociavault-credits", name))
    const own = join(root, "packages", dir, "node_modules")
    if (existsSync(own)) symlinkSync(own, join(copy, "packages", dir, "node_modules"))
  }
}

const notBuilt = new Set(["node_modules", "dist", "build", "coverage"])
const work = mkdtempSync(join(tmpdir(), "sociavault-packaging-"))
const copy = join(work, "repo")
const tarballs = join(work, "tarballs")
const unpacked = join(work, "unpacked")
const packedByName = new Map<string, Packed>()
const withoutPrepack: Array<string> = []

beforeAll(async () => {
  mkdirSync(copy)
  for (const file of ["package.json", "tsconfig.base.json", "LICENSE", "README.md"]) {
    cpSync(join(root, file), join(copy, file))
  }
  cpSync(join(root, "scripts"), join(copy, "scripts"), { recursive: true })
  cpSync(join(root, "packages"), join(copy, "packages"), {
    recursive: true,
    filter: (source) => !notBuilt.has(basename(source)) && !source.endsWith(".tsbuildinfo")
  })
  linkNodeModules(copy)
  mkdirSync(tarballs)

  // A package without a prepack would pack without dist/ from a clone; build those here so the other checks still
  // say something about them, and report the missing prepack in its own test.
  for (const { dir, manifest } of publicPackages) {
    if (manifest.scripts?.prepack === undefined) {
      withoutPrepack.push(manifest.name)
      await ok(
        process.execPath,
        [join(root, "node_modules", "typescript", "bin", "tsc"), "-b", `packages/${dir}`],
        copy
      )
    }
  }
  const workspaceArgs = publicPackages.flatMap(({ dir }) => ["-w", `packages/${dir}`])
  const stdout = await ok("npm", ["pack", ...workspaceArgs, "--pack-destination", tarballs, "--json"], copy)
  for (const packed of JSON.parse(stdout) as Array<Packed>) {
    packedByName.set(packed.name, packed)
    const into = join(unpacked, packed.name)
    mkdirSync(into, { recursive: true })
    await ok("tar", ["-xzf", join(tarballs, packed.filename), "-C", into], work)
  }
}, 180_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

const tarballOf = (name: string) => {
  const packed = packedByName.get(name)
  if (packed === undefined) throw new Error(`${name} was not packed`)
  return { packed, dir: join(unpacked, name, "package"), paths: new Set(packed.files.map((f) => f.path)) }
}

describe("the public packages, packed from a fresh build", () => {
  it("are the SDKs, their shared rules, the CLI and the fake server; the action is not one", () => {
    expect(publicPackages.map((w) => w.manifest.name).sort()).toEqual([
      "@sociavault-credits/cli",
      "@sociavault-credits/core",
      "@sociavault-credits/core-effect3",
      "@sociavault-credits/fake-server",
      "@sociavault-credits/rules"
    ])
    expect([...packedByName.keys()].sort()).toEqual(publicPackages.map((w) => w.manifest.name).sort())
  })

  it.each(publicPackages)("$manifest.name: says where it comes from and how it is published", ({ dir }) => {
    const { dir: packageDir } = tarballOf(workspaces.find((w) => w.dir === dir)!.manifest.name)
    const manifest = readJson<Manifest & Record<string, unknown>>(join(packageDir, "package.json"))
    expect(manifest).toMatchObject({
      license: "MIT",
      type: "module",
      repository: { type: "git", url: `git+${repository}.git`, directory: `packages/${dir}` },
      homepage: `${repository}/tree/main/packages/${dir}#readme`,
      bugs: { url: `${repository}/issues` },
      publishConfig: { access: "public", provenance: true }
    })
    expect(manifest.files).toEqual(expect.arrayContaining([expect.any(String)]))
    // Only published packages may be depended on: a private workspace package would not install.
    const privateNames = workspaces.filter((w) => w.manifest.private === true).map((w) => w.manifest.name)
    expect(Object.keys(manifest.dependencies ?? {}).filter((name) => privateNames.includes(name))).toEqual([])
  })

  it.for(publicPackages)("$manifest.name: builds itself when packed (prepack)", ({ manifest }, context) => {
    if (withoutPrepack.includes(manifest.name)) {
      context.skip(`${manifest.name} has no prepack script yet: built by the test instead`)
    }
    expect(manifest.scripts?.prepack).toEqual(expect.any(String))
  })

  it.each(publicPackages)(
    "$manifest.name: the tarball holds the build, README and LICENSE, no tests",
    ({ manifest }) => {
      const { dir, paths } = tarballOf(manifest.name)
      const packedManifest = readJson<Manifest>(join(dir, "package.json"))
      for (const file of ["package.json", "README.md", "LICENSE"]) expect(paths).toContain(file)
      expect(readFileSync(join(dir, "LICENSE"), "utf8")).toBe(readFileSync(join(root, "LICENSE"), "utf8"))

      const entries = [
        ...targets(packedManifest.exports),
        ...targets(packedManifest.bin),
        ...targets(packedManifest.main),
        ...targets(packedManifest.types, ["types"])
      ]
      expect(entries.length).toBeGreaterThan(0)
      for (const entry of entries) expect(paths, entry.path).toContain(normalise(entry.path))
      for (const entry of entries.filter((e) => e.conditions.includes("types"))) {
        expect(entry.path).toMatch(/\.d\.ts$/)
      }
      // The built JavaScript: a library's dist/, or a bundled bin.
      expect(entries.filter((e) => /\.js$/.test(e.path)).length).toBeGreaterThan(0)
      // A typed package ships the declarations of every module it builds.
      if (entries.some((e) => e.conditions.includes("types"))) {
        const built = [...paths].filter((p) => /^dist\/.*\.js$/.test(p))
        expect(built.length).toBeGreaterThan(0)
        expect(built.filter((p) => !paths.has(p.replace(/\.js$/, ".d.ts")))).toEqual([])
      }
      const unwanted = [...paths].filter((p) =>
        /(^|\/)(test|tests|__tests__|bench)\/|\.(test|spec)\.[cm]?[jt]sx?$|\.tsbuildinfo$|(^|\/)tsconfig[^/]*\.json$/.test(
          p
        )
      )
      expect(unwanted).toEqual([])
    }
  )

  it.each(publicPackages)("$manifest.name: publint finds nothing, suggestions included", async ({ manifest }) => {
    const { packed } = tarballOf(manifest.name)
    const data = readFileSync(join(tarballs, packed.filename))
    const tarball = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)
    const { messages, pkg } = await publint({ pack: { tarball }, level: "suggestion", strict: true })
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, pkg, { color: false })}`)).toEqual([])
  })

  it.each(publicPackages)(
    "$manifest.name: @arethetypeswrong/cli passes with the esm-only profile",
    async ({ manifest }) => {
      const { packed } = tarballOf(manifest.name)
      const args = [
        join(tarballs, packed.filename),
        "--profile",
        "esm-only",
        "--no-definitely-typed",
        "--format",
        "ascii"
      ]
      const result = await run("attw", [...args, "--no-color", "--no-emoji"], work)
      expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0)
    }
  )

  it("every library entry point can be require()d from CommonJS (Node >= 20.19 / 22.12), no top-level await", async () => {
    const libraries = publicPackages.filter(({ manifest }) => targets(manifest.exports).length > 0)
    const names = libraries.map(({ manifest }) => manifest.name)
    const program = `for (const name of ${JSON.stringify(names)}) if (typeof require(name) !== "object") throw name`
    const result = await run(process.execPath, ["--input-type=commonjs", "--eval", program], copy)
    expect(result.code, result.stderr).toBe(0)
  })
})

describe("the packed CLI, as a new user installs it", () => {
  it("runs a check from the unpacked tarball alone (no node_modules), directly and through HTTP_PROXY", async () => {
    const { dir, packed } = tarballOf("@sociavault-credits/cli")
    // Every chunk of the bundle is in the tarball: the proxy path loads undici's on demand.
    expect(packed.files.map((f) => f.path).filter((path) => /^bin\/undici-.*\.js$/.test(path))).toHaveLength(1)
    const api = await startFakeSociaVault()
    const proxy = await startForwardProxy()
    try {
      const check = (env: Record<string, string>) =>
        runNode([join(dir, "bin", "sociavault-credits.js"), "--base-url", api.url, "--json"], {
          cwd: dir,
          env: { PATH: process.env.PATH ?? "", SOCIAVAULT_API_KEY: DEMO_API_KEY, ...env }
        })
      for (const env of [{}, { HTTP_PROXY: proxy.url }]) {
        const run = await check(env)
        expect(run.code, run.stderr).toBe(0)
        expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, credits: 950 })
      }
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${api.port}`])
      expect(api.requests).toHaveLength(2)
    } finally {
      await proxy.close()
      await api.close()
    }
  })
})

describe("the release, rehearsed offline", () => {
  // A dry run publishes nothing, but npm 11 still fetches the package's versions from the registry (to refuse a
  // version already published); without a network it waits out its retries (about 70 s) before going on.
  // --offline skips that lookup, and nothing else.
  it("npm publish --dry-run accepts every tarball, without the registry (--offline)", async () => {
    const results = await Promise.all(
      [...packedByName.values()].map(async (packed) => ({
        packed,
        result: await run("npm", ["publish", join(tarballs, packed.filename), "--dry-run", "--offline"], work)
      }))
    )
    for (const { packed, result } of results) {
      const output = `${result.stdout}\n${result.stderr}`
      expect(result.code, output).toBe(0)
      expect(output).toContain(`${packed.name}@${packed.version}`)
      expect(output).toMatch(/with tag latest and public access \(dry-run\)/)
    }
  })

  it("changeset version bumps, writes each CHANGELOG.md and syncs VERSION, in a copy of the manifests", async () => {
    const release = join(work, "release")
    mkdirSync(join(release, "scripts"), { recursive: true })
    for (const file of ["package.json", "package-lock.json"]) cpSync(join(root, file), join(release, file))
    cpSync(join(root, ".changeset"), join(release, ".changeset"), { recursive: true })
    cpSync(join(root, "scripts", "sync-versions.js"), join(release, "scripts", "sync-versions.js"))
    for (const { dir } of workspaces) {
      mkdirSync(join(release, "packages", dir), { recursive: true })
      cpSync(join(root, "packages", dir, "package.json"), join(release, "packages", dir, "package.json"))
      const src = join(root, "packages", dir, "src")
      if (existsSync(src)) cpSync(src, join(release, "packages", dir, "src"), { recursive: true })
    }
    symlinkSync(join(root, "node_modules"), join(release, "node_modules"))
    for (const name of readdirSync(join(release, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md")) {
      rmSync(join(release, ".changeset", name)) // only the sample below is released
    }
    writeFileSync(
      join(release, ".changeset", "sample-release.md"),
      '---\n"@sociavault-credits/core": patch\n"@sociavault-credits/action": minor\n---\n\nA sample change, for the rehearsal.\n'
    )
    const before = readJson<Manifest>(join(root, "packages", "core", "package.json")).version

    await ok("changeset", ["version"], release)
    await ok(process.execPath, ["scripts/sync-versions.js"], release)

    const manifest = (dir: string) => readJson<Manifest>(join(release, "packages", dir, "package.json"))
    const bump = (version: string, part: "minor" | "patch") => {
      const [major, minor, patch] = version.split(".").map(Number) as [number, number, number]
      return part === "minor" ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`
    }
    const core = bump(before, "patch")
    const action = bump(readJson<Manifest>(join(root, "packages", "action", "package.json")).version, "minor")
    expect(manifest("core").version).toBe(core)
    expect(manifest("action").version).toBe(action)
    expect(manifest("action").dependencies?.["@sociavault-credits/core"]).toBe(`^${core}`)
    const changelog = (dir: string) => readFileSync(join(release, "packages", dir, "CHANGELOG.md"), "utf8")
    expect(changelog("core")).toMatch(new RegExp(`## ${core.replace(/\./g, "\\.")}\\n[\\s\\S]*A sample change`))
    expect(changelog("action")).toMatch(new RegExp(`## ${action.replace(/\./g, "\\.")}\\n`))
    expect(existsSync(join(release, ".changeset", "sample-release.md"))).toBe(false)
    expect(readFileSync(join(release, "packages", "core", "src", "internal", "version.ts"), "utf8")).toContain(
      `export const VERSION = "${core}"`
    )
    // The real tree is untouched.
    expect(readJson<Manifest>(join(root, "packages", "core", "package.json")).version).toBe(before)
    expect(existsSync(join(root, ".changeset", "sample-release.md"))).toBe(false)
  })

  it("tags the action: vX.Y.Z on HEAD, the major tag moved to it, pushed; once only", async () => {
    const origin = join(work, "origin.git")
    const clone = join(work, "clone")
    const gitEnv = {
      GIT_AUTHOR_NAME: "test",
      GIT_AUTHOR_EMAIL: "test@example.com",
      GIT_COMMITTER_NAME: "test",
      GIT_COMMITTER_EMAIL: "test@example.com",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_CONFIG_NOSYSTEM: "1"
    }
    const git = (...args: Array<string>) => ok("git", args, clone, gitEnv)
    const tagAction = () => ok(process.execPath, [join(root, "scripts", "tag-action.js")], clone, gitEnv)
    const release = async (version: string) => {
      writeFileSync(join(clone, "packages", "action", "package.json"), JSON.stringify({ version }))
      await git("add", ".")
      await git("commit", "-q", "-m", `Release ${version}`)
      return (await git("rev-parse", "HEAD")).trim()
    }
    const remoteTag = async (tag: string) => (await ok("git", ["rev-parse", `${tag}^{commit}`], origin, gitEnv)).trim()

    await ok("git", ["init", "-q", "--bare", origin], work, gitEnv)
    await ok("git", ["init", "-q", "-b", "main", clone], work, gitEnv)
    mkdirSync(join(clone, "packages", "action"), { recursive: true })
    await git("remote", "add", "origin", origin)

    const first = await release("1.1.0")
    expect(await tagAction()).toContain("Tagged v1.1.0 and moved v1 to it.")
    expect(await remoteTag("v1.1.0")).toBe(first)
    expect(await remoteTag("v1")).toBe(first)
    expect(await tagAction()).toContain("v1.1.0 exists: nothing to tag.")

    const second = await release("1.2.0")
    const dryRun = await ok(process.execPath, [join(root, "scripts", "tag-action.js"), "--dry-run"], clone, gitEnv)
    expect(dryRun.trim().split("\n")).toEqual([
      "git tag -a v1.2.0 -m v1.2.0",
      "git tag -f -a v1 -m v1: v1.2.0 v1.2.0^{commit}",
      "git push origin refs/tags/v1.2.0",
      "git push --force origin refs/tags/v1"
    ])
    await tagAction()
    expect(await remoteTag("v1.2.0")).toBe(second)
    expect(await remoteTag("v1")).toBe(second)

    await release("2.0.0-rc.1")
    expect(await tagAction()).toContain("Tagged v2.0.0-rc.1.")
    expect(await remoteTag("v1")).toBe(second)
  })
})
