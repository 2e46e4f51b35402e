import { copyFileSync, mkdirSync } from "node:fs"
import { createRequire } from "node:module"
import { fileURLToPath } from "node:url"
import type { StorybookConfig } from "@storybook/react-vite"
import { defaultClientConditions, withFilter } from "vite"

/** Workspace packages resolve to their `src/` through this export condition: Storybook needs no build of them. */
const source = "@latchkey/source"

// The service worker of the installed msw, served at the root (where `setupWorker` looks for it).
const serviceWorkerDir = fileURLToPath(new URL("./service-worker", import.meta.url))
mkdirSync(serviceWorkerDir, { recursive: true })
copyFileSync(
  createRequire(import.meta.url).resolve("msw/mockServiceWorker.js"),
  `${serviceWorkerDir}/mockServiceWorker.js`,
)

/**
 * The files whose components the docs pages describe (`component:` of a story file's meta): React components live in
 * PascalCase `.tsx` files of the React and devtools packages.
 */
const documentedComponents = /\/packages\/(react|devtools)\/src\/[A-Z]\w*\.tsx$/

const config: StorybookConfig = {
  framework: "@storybook/react-vite",
  stories: ["../packages/react/stories/*.stories.tsx"],
  // msw-storybook-addon is not listed: its only part, a preview hook, gives way to the loader in `preview.tsx`.
  addons: ["@storybook/addon-a11y", "@storybook/addon-docs"],
  staticDirs: [{ from: "./service-worker", to: "/" }],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // The default `react-docgen` reads the props tables: `react-docgen-typescript` needs the TypeScript API,
  // which the native TypeScript 7 compiler does not offer.
  typescript: { reactDocgen: "react-docgen" },
  viteFinal(viteConfig) {
    // react-docgen parses every module it is handed with Babel, synchronously, and follows its imports: it was ~3 s
    // of the ~6.5 s the server spent on the first page (the engine's and emulators' ~200 modules), in stalls of up
    // to ~0.7 s on an idle machine. That held the first story up, and the manager's stores give up on a server that
    // does not answer within 1 s ("Timed out waiting for leader state for UniversalStore"; a fixed Storybook delay).
    viteConfig.plugins = withFilter(viteConfig.plugins ?? [], {
      pluginNamePattern: ["storybook:react-docgen-plugin"],
      transform: { id: documentedComponents },
    })
    viteConfig.resolve = {
      ...viteConfig.resolve,
      conditions: [source, ...(viteConfig.resolve?.conditions ?? defaultClientConditions)],
    }
    viteConfig.build = {
      ...viteConfig.build,
      // A story bundle is never split by route: one warning per large chunk says nothing here.
      chunkSizeWarningLimit: 4096,
      rolldownOptions: {
        ...viteConfig.build?.rolldownOptions,
        // react-query marks its modules "use client"; a client-only bundle has nothing to preserve.
        onwarn(warning, warn) {
          if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning)
        },
      },
    }
    return viteConfig
  },
}

export default config
