/**
 * The bundles `npm run package` builds and `npm run check-dist` checks: their entry points, where they go, what they
 * must not load at start, and the files written beside them.
 *
 * Each bundle is code-split: the entries share chunks, and what an entry reaches only through `import()` (the proxy
 * transport and undici, the CLI's help and JSON output) is a chunk of its own, loaded on demand. Adding an entry
 * point (the action's `post:` step, dist/post.js) is one line in `entries`.
 */
export const BUNDLES = [
  {
    name: "the action",
    project: "packages/action",
    dir: "dist",
    // output name (dist/<name>.js) -> compiled entry
    entries: {
      index: "packages/action/dist/index.js",
      post: "packages/action/dist/post.js"
    },
    // `"type": "module"`, so that the runner's `node dist/index.js` loads the ESM bundle.
    extraFiles: { "package.json": '{ "type": "module" }\n' },
    executable: false
  },
  {
    name: "the CLI",
    project: "packages/cli",
    dir: "packages/cli/bin",
    entries: {
      "sociavault-credits": "packages/cli/dist/bin.js"
    },
    // ESM by packages/cli/package.json's `"type": "module"`; no package.json of its own.
    extraFiles: {},
    executable: true
  }
]

/**
 * Packages whose code must never be in a chunk an entry loads at start (statically, transitively): the proxy
 * transport's undici and @actions/http-client's tunnel. They cost ~28 ms of every run that needs no proxy.
 */
export const LAZY_ONLY_PACKAGES = ["undici", "tunnel"]

/**
 * Packages imported at the top of modules we use for a few functions (@actions/core imports @actions/http-client,
 * which imports undici and tunnel, and @actions/exec), whose import Rollup may drop when nothing of them is used.
 */
export const SIDE_EFFECT_FREE_PACKAGES = ["@actions/http-client", "undici", "tunnel", "@actions/exec", "@actions/io"]
