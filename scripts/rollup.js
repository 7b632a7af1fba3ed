/**
 * How one bundle is built (Rollup: ESM, code-split, minified, licenses.txt) and what its entries load at start.
 * Used by `npm run package` (scripts/package.js) and by the tests of the start-chunk rule.
 */
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs"
import { builtinModules, createRequire } from "node:module"
import { join, resolve, sep } from "node:path"
import commonjs from "@rollup/plugin-commonjs"
import nodeResolve from "@rollup/plugin-node-resolve"
import terser from "@rollup/plugin-terser"
import { rollup } from "rollup"
import license from "rollup-plugin-license"
import { LAZY_ONLY_PACKAGES, SIDE_EFFECT_FREE_PACKAGES } from "./bundles.js"

const isBuiltin = (id) => id.startsWith("node:") || builtinModules.includes(id)

/** The npm package a bundled module belongs to (its last node_modules segment), or undefined for our sources. */
export const packageOf = (id) => {
  const parts = id.split(sep)
  const at = parts.lastIndexOf("node_modules")
  if (at === -1) return undefined
  return parts[at + 1]?.startsWith("@") ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1]
}

/**
 * CommonJS dependencies (undici, tunnel) keep their `require` of Node's builtins as `require`, given by
 * `createRequire`: converted to an ESM `import`, `node:http` would evaluate its lazy WebSocket exports and with
 * them Node's internal undici (Node 24), ~28 ms.
 */
const requireForCommonJs = {
  name: "require-for-commonjs",
  renderChunk(code) {
    if (!/\brequire\(/.test(code)) return null
    return `import{createRequire as __createRequire}from"node:module";const require=__createRequire(import.meta.url);\n${code}`
  }
}

const BUILTIN = "\0builtin:"

/**
 * Node's builtins, imported by the bundled ES modules (@actions/core's `import * as fs from "fs"`, effect's
 * `node:stream`), are given by `createRequire` instead: an ESM import of a builtin builds its namespace by reading
 * every export, getters included, and so loads what they hide. `fs` and `crypto` alone brought in webcrypto, every
 * crypto algorithm, fs/promises, fs watchers, readline and the REPL's history (37 builtins a run never uses), and
 * `node:http` Node's internal undici. Each export is read on first use instead, through a pure call that
 * tree-shaking drops when nothing uses it.
 */
const builtinsViaRequire = {
  name: "builtins-via-require",
  resolveId(id) {
    if (!isBuiltin(id) || id === "node:module") return null
    return { id: `${BUILTIN}${id.replace(/^node:/, "")}`, moduleSideEffects: false }
  },
  load(id) {
    if (!id.startsWith(BUILTIN)) return null
    const name = id.slice(BUILTIN.length)
    // Object.keys reads no getter: the names only, at build time.
    const names = Object.keys(createRequire(import.meta.url)(`node:${name}`)).filter(
      (key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== "default"
    )
    return [
      'import { createRequire } from "node:module"',
      `const builtin = createRequire(import.meta.url)("node:${name}")`,
      "const exported = (key) => builtin[key]",
      "export default builtin",
      ...names.map((key) => `export const ${key} = /*#__PURE__*/ exported(${JSON.stringify(key)})`)
    ].join("\n")
  }
}

/** licenses.txt: every bundled package (our workspaces included), its license's name and text, sorted by name. */
const licenses = (file) =>
  license({
    thirdParty: {
      includePrivate: true,
      output: {
        file,
        template: (dependencies) =>
          [...dependencies]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((dep) => `${dep.name}\n${dep.license ?? "UNKNOWN"}\n${(dep.licenseText ?? "").trim()}\n`)
            .join("\n")
      }
    }
  })

/**
 * For each entry, the chunks it loads at start (itself and its static imports, transitively) and the packages in
 * them that must only ever be loaded on demand ({@link LAZY_ONLY_PACKAGES}).
 */
export const startOf = (output) => {
  const chunks = new Map(output.filter((item) => item.type === "chunk").map((chunk) => [chunk.fileName, chunk]))
  return output
    .filter((item) => item.type === "chunk" && item.isEntry)
    .map((entry) => {
      const loaded = new Set()
      const visit = (fileName) => {
        if (loaded.has(fileName) || !chunks.has(fileName)) return
        loaded.add(fileName)
        for (const imported of chunks.get(fileName).imports) visit(imported)
      }
      visit(entry.fileName)
      const packages = new Set(
        [...loaded].flatMap((fileName) =>
          Object.entries(chunks.get(fileName).modules)
            .filter(([, module]) => module.renderedLength > 0)
            .map(([id]) => packageOf(id.replace(/^\0/, "").replace(/\?.*$/, "")))
        )
      )
      return {
        entry: entry.fileName,
        chunks: [...loaded],
        bytes: [...loaded].reduce((total, fileName) => total + Buffer.byteLength(chunks.get(fileName).code), 0),
        lazyOnly: LAZY_ONLY_PACKAGES.filter((name) => packages.has(name))
      }
    })
}

/**
 * Builds one bundle (an item of scripts/bundles.js) into `root/bundle.dir`, replacing what was there, and gives
 * {@link startOf} its output.
 */
export const buildBundle = async (bundle, root) => {
  const dir = join(root, bundle.dir)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const sideEffectFree = (id) => SIDE_EFFECT_FREE_PACKAGES.includes(packageOf(id))
  const build = await rollup({
    input: Object.fromEntries(Object.entries(bundle.entries).map(([name, entry]) => [name, resolve(entry)])),
    // Builtins are resolved by builtinsViaRequire, but for node:module, which gives it createRequire.
    external: (id) => id === "node:module",
    // Dependencies imported at the top of modules we use for a few functions (@actions/core imports
    // @actions/http-client, which imports undici and tunnel): unused, their import is dropped.
    treeshake: { moduleSideEffects: (id, external) => external || !sideEffectFree(id) },
    plugins: [
      builtinsViaRequire,
      nodeResolve({ preferBuiltins: true, exportConditions: ["node"] }),
      commonjs({ ignore: isBuiltin, ignoreDynamicRequires: true }),
      licenses(join(dir, "licenses.txt"))
    ],
    onwarn: (warning, warn) => {
      // Circular imports are normal in effect and undici; `this` at the top of compiled helpers is harmless.
      if (warning.code === "CIRCULAR_DEPENDENCY" || warning.code === "THIS_IS_UNDEFINED") return
      warn(warning)
    }
  })
  try {
    const { output } = await build.write({
      dir,
      format: "es",
      entryFileNames: "[name].js",
      // A chunk is named after one of its modules; one of builtinsViaRequire's gets a plainer name.
      chunkFileNames: (chunk) => `${chunk.name.startsWith("_builtin") ? "shared" : chunk.name}-[hash].js`,
      // undici in a chunk of its own, named so: loaded by the proxy transport only.
      manualChunks: (id) => (packageOf(id) === "undici" ? "undici" : undefined),
      plugins: [requireForCommonJs, terser({ module: true, format: { comments: false } })]
    })
    for (const [name, text] of Object.entries(bundle.extraFiles ?? {})) writeFileSync(join(dir, name), text)
    if (bundle.executable) for (const name of Object.keys(bundle.entries)) chmodSync(join(dir, `${name}.js`), 0o755)
    return startOf(output)
  } finally {
    await build.close()
  }
}
