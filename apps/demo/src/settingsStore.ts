/** How the demo looks: follow the system, or a fixed theme. */
export type ThemeChoice = "system" | "light" | "dark"

/** What the demo remembers in this browser. */
export interface DemoSettings {
  readonly theme: ThemeChoice
  /** A real server per vendor instead of its emulator; absent means the built-in emulator. */
  readonly servers: Readonly<Record<string, string>>
  /** The chosen variant per vendor that has variants (SFTPGo's realm); absent means its first. */
  readonly variants: Readonly<Record<string, string>>
}

const storageKey = "latchkey-demo:settings"
const defaults: DemoSettings = { theme: "system", servers: {}, variants: {} }

function isTheme(value: unknown): value is ThemeChoice {
  return value === "system" || value === "light" || value === "dark"
}

/** The non-empty texts of a vendor-keyed record; anything else is dropped. */
function textsOf(value: unknown): Record<string, string> {
  const texts: Record<string, string> = {}
  if (typeof value !== "object" || value === null) return texts
  for (const [vendor, text] of Object.entries(value)) {
    if (typeof text === "string" && text.trim() !== "") texts[vendor] = text
  }
  return texts
}

function parseSettings(text: string | null): DemoSettings {
  if (text === null) return defaults
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value !== "object" || value === null) return defaults
    const { theme, servers, variants } = value as Record<string, unknown>
    return {
      theme: isTheme(theme) ? theme : "system",
      servers: textsOf(servers),
      variants: textsOf(variants),
    }
  } catch {
    return defaults
  }
}

function readStorage(): string | null {
  try {
    return window.localStorage.getItem(storageKey)
  } catch {
    return null
  }
}

let current: DemoSettings | undefined
const listeners = new Set<() => void>()

/** The settings, read once and then kept current (also when another tab changes them). */
export function getSettings(): DemoSettings {
  current ??= parseSettings(readStorage())
  return current
}

/** Calls `listener` after every change; returns the unsubscribe. */
export function subscribeSettings(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener("storage", onStorage)
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) window.removeEventListener("storage", onStorage)
  }
}

function onStorage(event: StorageEvent) {
  if (event.key !== storageKey) return
  current = parseSettings(event.newValue)
  for (const listener of listeners) listener()
}

/** Changes the settings and remembers them in this browser. */
export function updateSettings(change: (settings: DemoSettings) => DemoSettings) {
  current = change(getSettings())
  try {
    window.localStorage.setItem(storageKey, JSON.stringify(current))
  } catch {
    // Private mode or a full quota: the change still holds for this page.
  }
  for (const listener of listeners) listener()
}
