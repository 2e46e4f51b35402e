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
          name: "emulators",
          root: "packages/emulators",
          environment: "node",
          include: ["src/**/*.test.ts"],
        },
      },
    ],
  },
})
