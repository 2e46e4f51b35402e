import type { ReactElement } from "react"
import type { LatchkeyDevtoolsProps } from "./LatchkeyDevtools"
import * as devtools from "./LatchkeyDevtools"
import type { LatchkeyDevtoolsPanelProps } from "./LatchkeyDevtoolsPanel"
import * as panel from "./LatchkeyDevtoolsPanel"

export type { DevtoolsClient } from "./devtoolsClients"
export type { DevtoolsClientProps, DevtoolsTheme } from "./devtoolsProps"
export type { DevtoolsPosition, LatchkeyDevtoolsProps } from "./LatchkeyDevtools"
export type { LatchkeyDevtoolsPanelProps } from "./LatchkeyDevtoolsPanel"

// Replaced by the app's bundler (Vite, webpack, esbuild, Next.js): in a production build the condition is a
// constant, and the panel's code is left out of the bundle. Declared here, not taken from Node's types, for apps
// that do not have them.
declare const process: { readonly env: { readonly NODE_ENV?: string } }

/**
 * The floating devtools, rendered only while `process.env.NODE_ENV` is `"development"` (so never in a production
 * build or in your app's tests); `@latchkey/devtools/production` has the same component without the condition.
 * @example
 * <LatchkeyDevtools client={client} />
 */
export const LatchkeyDevtools: (props: LatchkeyDevtoolsProps) => ReactElement | null =
  process.env.NODE_ENV !== "development" ? () => null : devtools.LatchkeyDevtools

/**
 * The embedded devtools panel, rendered only while `process.env.NODE_ENV` is `"development"`;
 * `@latchkey/devtools/production` has it without the condition.
 * @example
 * <LatchkeyDevtoolsPanel client={client} />
 */
export const LatchkeyDevtoolsPanel: (props: LatchkeyDevtoolsPanelProps) => ReactElement | null =
  process.env.NODE_ENV !== "development" ? () => null : panel.LatchkeyDevtoolsPanel
