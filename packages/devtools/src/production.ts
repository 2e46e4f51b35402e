// The devtools that render in every build: for a staging site, a demo, or a production app's hidden debug route.
export type { DevtoolsClient } from "./devtoolsClients"
export type { DevtoolsClientProps, DevtoolsTheme } from "./devtoolsProps"
export {
  type DevtoolsPosition,
  LatchkeyDevtools,
  type LatchkeyDevtoolsProps,
} from "./LatchkeyDevtools"
export { LatchkeyDevtoolsPanel, type LatchkeyDevtoolsPanelProps } from "./LatchkeyDevtoolsPanel"
