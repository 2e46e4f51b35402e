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
 * The client of a vendor for the configured server: one per vendor, kept while the demo runs (its session
 * refreshes in the background), and rebuilt when the server changes.
 */
export function connectionFor(vendor: VendorEntry, configuredServer: string | undefined) {
  const serverUrl = configuredServer ?? emulatorUrl(vendor)
  const existing = live.get(vendor.id)
  if (existing?.serverUrl === serverUrl) return existing
  existing?.client.dispose()
  const origin = new URL(window.location.origin)
  const isEmulator =
    configuredServer === undefined ||
    (vendor.serverPresets ?? []).some((preset) => preset.url(origin) === configuredServer)
  const connection: LiveConnection = {
    ...vendor.connect(serverUrl, {
      // Sessions survive reloads and are shared by tabs; another server's session is kept apart.
      storage: webStorage("local"),
      name: configuredServer === undefined ? "emulator" : `server:${serverUrl}`,
      ssoCallbackUrl: new URL(callbackPath(vendor.id), window.location.origin).href,
    }),
    serverUrl,
    isEmulator,
    label: vendor.name,
  }
  live.set(vendor.id, connection)
  return connection
}

/** Every live client, for signing everyone out when the emulators are re-created. */
export function liveConnections(): readonly LiveConnection[] {
  return [...live.values()]
}
