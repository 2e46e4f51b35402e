/** Request headers the vendors' clients send. */
export const corsAllowedHeaders: readonly string[] = [
  "Authorization",
  "Content-Type",
  "X-FilesAPI-Auth",
  "X-SFTPGO-OTP",
  "Platform",
  "Session",
]

/** Response headers the vendors' clients must be able to read. */
export const corsExposedHeaders: readonly string[] = [
  "Retry-After",
  "X-Retry-In",
  "Session",
  "Location",
]

const allowedMethods = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"

/** Cross-origin rules for a served emulator. */
export interface Cors {
  /** Answers a preflight (`OPTIONS` with `Access-Control-Request-Method`), or `undefined` for any other request. */
  preflight(request: Request): Response | undefined
  /** Adds the CORS headers to an actual response when the request's origin is allowed. */
  decorate(request: Request, response: Response): Response
}

/**
 * Creates CORS rules that allow the given origins (`"*"` allows any) to call an emulator from a browser.
 *
 * @example
 * const cors = createCors(["http://localhost:5173"])
 */
export function createCors(origins: readonly string[]): Cors {
  const allowsAny = origins.includes("*")
  const allowedOrigin = (request: Request): string | undefined => {
    const origin = request.headers.get("Origin")
    if (origin === null) return undefined
    return allowsAny || origins.includes(origin) ? origin : undefined
  }
  return {
    preflight(request) {
      if (request.method !== "OPTIONS") return undefined
      if (!request.headers.has("Access-Control-Request-Method")) return undefined
      const origin = allowedOrigin(request)
      if (origin === undefined) {
        return new Response("Origin not allowed", { status: 403, headers: { Vary: "Origin" } })
      }
      return new Response(null, {
        status: 204,
        headers: {
          "Access-Control-Allow-Origin": origin,
          "Access-Control-Allow-Credentials": "true",
          "Access-Control-Allow-Methods": allowedMethods,
          "Access-Control-Allow-Headers": corsAllowedHeaders.join(", "),
          "Access-Control-Max-Age": "600",
          Vary: "Origin",
        },
      })
    },
    decorate(request, response) {
      const origin = allowedOrigin(request)
      if (origin === undefined) return response
      const headers = new Headers(response.headers)
      headers.set("Access-Control-Allow-Origin", origin)
      headers.set("Access-Control-Allow-Credentials", "true")
      headers.set("Access-Control-Expose-Headers", corsExposedHeaders.join(", "))
      headers.append("Vary", "Origin")
      return new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers,
      })
    },
  }
}
