import { defineConfig } from "tsdown"
import { sharedOptions } from "../../scripts/tsdownShared.mjs"

export default defineConfig({
  ...sharedOptions,
  platform: "browser",
  entry: { index: "src/index.ts" },
  // Hooks and forms run only on the client: server-components frameworks need the directive on the output.
  banner: { js: '"use client";' },
  copy: ["src/styles.css"],
})
