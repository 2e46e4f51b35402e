import react from "@vitejs/plugin-react"
import { defaultClientConditions, defaultServerConditions } from "vite"
import { defineConfig } from "vitest/config"

/** Workspace packages resolve to their `src/` through this export condition: nothing needs a build to be tested. */
const source = "@latchkey/source"

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: [source, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [source, ...defaultServerConditions] } },
  test: {
    reporters: ["default", "./scripts/summaryReporter.ts"],
    passWithNoTests: true,
    projects: [
      {
        extends: true,
        test: { name: "budgets", root: "bench", environment: "node", include: ["*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "core",
          root: "packages/core",
          environment: "node",
          include: ["src/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "react",
          root: "packages/react",
          environment: "jsdom",
          include: ["src/**/*.test.{ts,tsx}"],
          setupFiles: ["./src/test/setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "devtools",
          root: "packages/devtools",
          environment: "jsdom",
          include: ["src/**/*.test.{ts,tsx}"],
          setupFiles: ["./src/test/setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "stories",
          root: "packages/react",
          environment: "jsdom",
          include: ["stories/*.stories.test.tsx"],
          setupFiles: ["./src/test/setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          root: "apps/demo",
          environment: "node",
          include: ["e2e/**/*.test.ts"],
          // One browser at a time on two cores; a real browser and a built app take real time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          // The packed packages in a fresh app outside the workspace (tests/consumer/README.md).
          name: "consumer",
          root: "tests/consumer",
          environment: "node",
          include: ["*.test.ts"],
          // Packing, an npm install, type checks, builds and a browser: real processes take real time.
          testTimeout: 180_000,
          hookTimeout: 600_000,
        },
      },
      {
        extends: true,
        test: {
          name: "emulators",
          root: "packages/emulators",
          environment: "node",
          include: ["src/**/*.test.ts"],
        },
      },
    ],
  },
})
