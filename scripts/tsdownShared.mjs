// Options every published package builds with (each package's tsdown.config.mjs spreads them).
import { readdir, readFile, writeFile } from "node:fs/promises"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"

// TypeScript 7's package ships the native compiler but no compiler API, so the declarations come from
// its `tsc` (tsdown's "tsgo" mode), bundled per entry with shared chunks like the JavaScript.
const tsc = join(
  dirname(createRequire(import.meta.url).resolve("typescript/package.json")),
  "bin/tsc",
)

/**
 * Declaration maps would point into `src/`, which is not published, so none are written; the bundler still
 * names one at the end of each `.d.ts`, and that line goes.
 */
async function dropDeclarationMapComments({ options }) {
  for (const name of await readdir(options.outDir)) {
    if (!name.endsWith(".d.ts")) continue
    const path = join(options.outDir, name)
    const text = await readFile(path, "utf8")
    await writeFile(path, text.replace(/\n\/\/# sourceMappingURL=\S+\.d\.ts\.map\s*$/, "\n"))
  }
}

/** ESM only, with source maps for the JavaScript and bundled declarations whose imports carry extensions. */
export const sharedOptions = {
  format: "esm",
  // As the source is type-checked (tsconfig.base.json), not the Node version in `engines`.
  target: "es2022",
  fixedExtension: false,
  sourcemap: true,
  dts: { tsgo: { path: tsc }, sourcemap: false },
  hooks: { "build:done": dropDeclarationMapComments },
}
