import { defineConfig } from "tsdown"
import { sharedOptions } from "../../scripts/tsdownShared.mjs"

// One entry per `exports` subpath, plus the `latchkey-emulators` bin (its shebang is kept, its file made executable).
export default defineConfig({
  ...sharedOptions,
  platform: "node",
  entry: {
    index: "src/index.ts",
    node: "src/mounts/serve.ts",
    vite: "src/mounts/latchkeyEmulators.ts",
    msw: "src/mounts/mswHandlers.ts",
    cli: "src/cli.ts",
  },
})
