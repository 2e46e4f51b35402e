import { jsonResponse } from "../jsonResponse"
import { readJsonBody } from "../readJsonBody"
import type { PolarioDeviceInfo } from "./polarioSessions"

/** Polario's error answer: `{ error }` with the status. */
export function polarioError(status: number, error: string): Response {
  return jsonResponse({ error }, { status })
}

/** The operating systems a sign-in may name. */
const systems = new Set(["Android", "IOS", "Windows", "Linux", "Mac", "Other"])

/** A JSON object body whose fields are read by type; a missing or mistyped field throws a 400. */
export interface PolarioBody {
  text(name: string): string
  optionalText(name: string): string | undefined
}

/**
 * Reads a JSON object body; anything else is answered 400 `{ error }` (thrown as a `Response`).
 *
 * @example
 * const body = await readPolarioBody(request)
 * const email = body.text("email")
 */
export async function readPolarioBody(request: Request): Promise<PolarioBody> {
  const body = await readJsonBody(request)
  if (body.type !== "ok" || typeof body.value !== "object" || body.value === null)
    throw polarioError(400, "Request body must be a JSON object")
  const fields: Record<string, unknown> = { ...body.value }
  const optionalText = (name: string) => {
    const value = fields[name]
    if (value === undefined || value === null) return undefined
    if (typeof value !== "string") throw polarioError(400, `${name} must be a string`)
    return value
  }
  return {
    optionalText,
    text(name) {
      const value = optionalText(name)
      if (value === undefined || value === "") throw polarioError(400, `${name} is required`)
      return value
    },
  }
}

/** The `Platform` header every sign-in call carries. */
export function platformOf(request: Request): string {
  const platform = request.headers.get("Platform")?.trim()
  if (!platform) throw polarioError(400, "Platform header is required")
  return platform
}

/** The device fields of a sign-in (`os` from Polario's list). */
export function deviceOf(body: PolarioBody): PolarioDeviceInfo {
  const os = body.text("os")
  if (!systems.has(os))
    throw polarioError(400, "os must be one of Android, IOS, Windows, Linux, Mac, Other")
  return {
    os,
    osVersion: body.text("osVersion"),
    browser: body.optionalText("browser"),
    deviceName: body.optionalText("deviceName"),
  }
}
