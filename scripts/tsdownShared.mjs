// Options every published package builds with (each package's tsdown.config.mjs spreads them).
import { createRequire } from "node:module"
import { dirname, join } from "node:path"

// TypeScript 7's package ships the native compiler but no compiler API, so the declarations come from
// its `tsc` (tsdown's "tsgo" mode), bundled per entry with shared chunks like the JavaScript.
const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin/tsc")

/** ESM only, with source maps and bundled declarations whose imports carry extensions. */
export const sharedOptions = {
  format: "esm",
  fixedExtension: false,
  sourcemap: true,
  dts: { tsgo: { path: tsc } },
}
