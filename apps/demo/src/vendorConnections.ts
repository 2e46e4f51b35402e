import { webStorage } from "@latchkey/core"
import { callbackPath } from "./route"
import type { VendorConnection, VendorEntry } from "./vendors"

/** A vendor's live client and the server it talks to. */
export interface LiveConnection extends VendorConnection {
  readonly serverUrl: string
  readonly isEmulator: boolean
  /** The vendor's name, as the devtools list the client. */
  readonly label: string
}

const live = new Map<string, LiveConnection>()

/** The address of a vendor's built-in emulator on this page's origin. */
export function emulatorUrl(vendor: VendorEntry): string {
  return new URL(vendor.emulatorPath, window.location.origin).href
}

/**
 * The client of a vendor (and variant) for the configured server: one per vendor and variant, kept while the demo
 * runs (its session refreshes in the background), and rebuilt when the server changes.
 */
export function connectionFor(
  vendor: VendorEntry,
  configuredServer: string | undefined,
  variant?: string,
) {
  const serverUrl = configuredServer ?? emulatorUrl(vendor)
  const key = variant === undefined ? vendor.id : `${vendor.id}:${variant}`
  const existing = live.get(key)
  if (existing?.serverUrl === serverUrl) return existing
  existing?.client.dispose()
  const origin = new URL(window.location.origin)
  const isEmulator =
    configuredServer === undefined ||
    (vendor.serverPresets ?? []).some((preset) => preset.url(origin) === configuredServer)
  const name = configuredServer === undefined ? "emulator" : `server:${serverUrl}`
  const connection: LiveConnection = {
    ...vendor.connect(
      serverUrl,
      {
        // Sessions survive reloads and are shared by tabs; another server's session, and each variant's, kept apart.
        storage: webStorage("local"),
        name: variant === undefined ? name : `${name}:${variant}`,
        ssoCallbackUrl: new URL(callbackPath(vendor.id), window.location.origin).href,
      },
      variant,
    ),
    serverUrl,
    isEmulator,
    label: vendor.name,
  }
  live.set(key, connection)
  return connection
}

/** Every live client, for signing everyone out when the emulators are re-created. */
export function liveConnections(): readonly LiveConnection[] {
  return [...live.values()]
}
