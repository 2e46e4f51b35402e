import { defineConfig } from "tsdown"
import { sharedOptions } from "../../scripts/tsdownShared.mjs"

// Two entries over one chunk of panel code: the default one renders nothing outside development, `/production`
// always renders.
export default defineConfig({
  ...sharedOptions,
  platform: "browser",
  entry: { index: "src/index.ts", production: "src/production.ts" },
  // The panel runs only on the client: server-components frameworks need the directive on the output.
  banner: { js: '"use client";' },
})
