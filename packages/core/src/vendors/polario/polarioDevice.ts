/** The operating systems Polario knows a device by. */
export type PolarioOs = "Android" | "IOS" | "Windows" | "Linux" | "Mac" | "Other"

/** What Polario records about the device a session was started on. */
export interface PolarioDevice {
  readonly os: PolarioOs
  readonly osVersion: string
  readonly browser?: string | undefined
  readonly deviceName?: string | undefined
}

/** What is sent when nothing is known about the device. */
const unknownDevice: PolarioDevice = { os: "Other", osVersion: "unknown" }

const systems: readonly [RegExp, PolarioOs][] = [
  [/Android ([\d.]+)/, "Android"],
  [/(?:iPhone|CPU) OS ([\d_]+)/, "IOS"],
  [/Windows NT ([\d.]+)/, "Windows"],
  [/Mac OS X ([\d_.]+)/, "Mac"],
  [/(Linux|CrOS)/, "Linux"],
]

// Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
const browsers: readonly [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/OPR\/(\d+)/, "Opera"],
  [/(?:Firefox|FxiOS)\/(\d+)/, "Firefox"],
  [/(?:Chrome|CriOS)\/(\d+)/, "Chrome"],
  [/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari/, "Safari"],
]

/**
 * Reads Polario's device fields from a browser's user-agent string.
 * @example
 * polarioDeviceFromUserAgent(navigator.userAgent) // { os: "Linux", osVersion: "unknown", browser: "Firefox 128", … }
 */
export function polarioDeviceFromUserAgent(userAgent: string): PolarioDevice {
  const system = systems.find(([pattern]) => pattern.test(userAgent))
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))
  const os = system?.[1] ?? "Other"
  const osMatch = system?.[0].exec(userAgent)?.[1]
  const osVersion = os === "Linux" ? "unknown" : (osMatch?.replaceAll("_", ".") ?? "unknown")
  const browserName = browser
    ? `${browser[1]} ${browser[0].exec(userAgent)?.[1] ?? ""}`.trim()
    : undefined
  return {
    os,
    osVersion,
    browser: browserName,
    deviceName: browserName
      ? `${browserName.split(" ")[0]} on ${os === "IOS" ? "iOS" : os}`
      : undefined,
  }
}

/**
 * The device fields a sign-in sends: read from the user agent, if given, then overridden field by field; empty
 * optional fields are left out.
 */
export function polarioDeviceFields(
  userAgent: string | undefined,
  overrides: Partial<PolarioDevice> | undefined,
): Record<string, string> {
  const read = userAgent ? polarioDeviceFromUserAgent(userAgent) : unknownDevice
  const { os, osVersion, browser, deviceName } = { ...read, ...overrides }
  return { os, osVersion, ...(browser ? { browser } : {}), ...(deviceName ? { deviceName } : {}) }
}
