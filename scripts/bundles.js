/**
 * The bundles `npm run package` builds and `npm run check-dist` checks: where each starts, where it goes, and every
 * file it has there.
 */
export const BUNDLES = [
  {
    name: "the action",
    project: "packages/action",
    entry: "packages/action/dist/index.js",
    dir: "dist",
    main: "index.js",
    // package.json holds `"type": "module"`, so that the runner's `node dist/index.js` loads the ESM bundle.
    files: ["index.js", "licenses.txt", "package.json"],
    executable: false
  },
  {
    name: "the CLI",
    project: "packages/cli",
    entry: "packages/cli/dist/bin.js",
    dir: "packages/cli/bin",
    main: "sociavault-credits.js",
    // ESM by packages/cli/package.json's `"type": "module"`; no package.json of its own.
    files: ["sociavault-credits.js", "licenses.txt"],
    executable: true
  }
]
