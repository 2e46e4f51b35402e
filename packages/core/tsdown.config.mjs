import { defineConfig } from "tsdown"
import { sharedOptions } from "../../scripts/tsdownShared.mjs"

// One entry per `exports` subpath; code they share (AuthError and friends) lands in chunks, once.
export default defineConfig({
  ...sharedOptions,
  platform: "neutral",
  entry: {
    index: "src/index.ts",
    matrix: "src/vendors/matrix/index.ts",
    cloudreve: "src/vendors/cloudreve/index.ts",
    polario: "src/vendors/polario/index.ts",
    filescom: "src/vendors/filescom/index.ts",
    sftpgo: "src/vendors/sftpgo/index.ts",
    scram: "src/scram/index.ts",
    testing: "src/testing/index.ts",
  },
})
