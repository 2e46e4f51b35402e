import type { AuthClient } from "@latchkey/core"
import type { DevtoolsClient } from "./devtoolsClients"

/** The colours of the devtools: the page's preference (`system`), or forced. */
export type DevtoolsTheme = "system" | "light" | "dark"

/** What every form of the devtools is given: which clients to show, and how. */
export interface DevtoolsClientProps {
  /** The client to show. */
  client?: AuthClient | undefined
  /** Several clients (two vendors, say), listed in the panel to choose from; `client`, if given, comes first. */
  clients?: readonly DevtoolsClient[] | undefined
  /** Light, dark, or the page's preference (the default). */
  theme?: DevtoolsTheme | undefined
}

/** The `data-theme` a theme sets, if any. */
export const themeAttribute = (theme: DevtoolsTheme | undefined): "light" | "dark" | undefined =>
  theme === "light" || theme === "dark" ? theme : undefined
