import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources, so `npm test` needs no build of the workspaces first.
    alias: {
      "@sociavault-credits/rules": source("./packages/rules/src/index.ts"),
      "@sociavault-credits/core-effect3": source("./packages/core-effect3/src/index.ts"),
      "@sociavault-credits/core": source("./packages/core/src/index.ts"),
      "@sociavault-credits/fake-server": source("./packages/fake-server/src/index.ts"),
      "@sociavault-credits/proxy-fetch": source("./packages/proxy-fetch/src/index.ts")
    }
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    // The end-to-end tests spawn node processes; two cores do not gain from more parallel files.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
