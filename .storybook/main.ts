import { copyFileSync, mkdirSync } from "node:fs"
import { createRequire } from "node:module"
import { fileURLToPath } from "node:url"
import type { StorybookConfig } from "@storybook/react-vite"
import { defaultClientConditions } from "vite"

/** Workspace packages resolve to their `src/` through this export condition: Storybook needs no build of them. */
const source = "@latchkey/source"

// The service worker of the installed msw, served at the root (where `setupWorker` looks for it).
const serviceWorkerDir = fileURLToPath(new URL("./service-worker", import.meta.url))
mkdirSync(serviceWorkerDir, { recursive: true })
copyFileSync(
  createRequire(import.meta.url).resolve("msw/mockServiceWorker.js"),
  `${serviceWorkerDir}/mockServiceWorker.js`,
)

const config: StorybookConfig = {
  framework: "@storybook/react-vite",
  stories: ["../packages/react/stories/*.stories.tsx"],
  addons: ["@storybook/addon-a11y", "@storybook/addon-docs", "msw-storybook-addon"],
  staticDirs: [{ from: "./service-worker", to: "/" }],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // The default `react-docgen` reads the props tables: `react-docgen-typescript` needs the TypeScript API,
  // which the native TypeScript 7 compiler does not offer.
  typescript: { reactDocgen: "react-docgen" },
  viteFinal(viteConfig) {
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
