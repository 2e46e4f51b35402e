import { useSyncExternalStore } from "react"
import { type DemoSettings, getSettings, subscribeSettings } from "./settingsStore"

const serverSettings: DemoSettings = { theme: "system", servers: {}, variants: {} }

/** The demo's settings, re-rendering when they change here or in another tab. */
export function useSettings(): DemoSettings {
  return useSyncExternalStore(subscribeSettings, getSettings, () => serverSettings)
}
