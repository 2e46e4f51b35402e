import type { AdapterContext } from "../../adapter"
import { AuthError, type AuthField, isAuthError } from "../../authError"
import { parseJson } from "../../sendJson"
import { matrixRefusal, matrixVendor } from "./matrixFailure"
import { type LoginFlows, loginFlowsSchema, wellKnownSchema } from "./matrixSchemas"

/** A homeserver found from what the user typed, with the login flows it offers. */
export interface DiscoveredHomeserver {
  /** The client-server API's base URL, without a trailing slash. */
  readonly baseUrl: string
  readonly flows: LoginFlows["flows"]
}

/** Whether `server` is a URL (used as the base URL) rather than a server name (looked up). */
export function isUrl(server: string): boolean {
  return /^https?:\/\//i.test(server.trim())
}

/**
 * Resolves a server name to its client-server base URL through `/.well-known/matrix/client`,
 * falling back to `https://<name>`; a URL is taken as the base URL as it is.
 *
 * @example
 * await resolveHomeserver(ctx, "example.org") // "https://matrix.example.org"
 */
export async function resolveHomeserver(ctx: AdapterContext, server: string): Promise<string> {
  if (isUrl(server)) return normalizeBaseUrl(server)
  const origin = serverOrigin(server)
  return (await wellKnownBaseUrl(ctx, origin)) ?? origin
}

/**
 * Finds the homeserver behind `server` and reads its login flows (`GET /login`). A name goes through
 * `.well-known`; a URL is tried as the base URL first and, when no homeserver answers there, through its own
 * `.well-known`. When nothing answers like a homeserver, the error is `unknown_server`, on the `server` field when
 * the person typed it (`isTyped`). A server the app fixed is known to be a homeserver: there, an outage stays an
 * outage (`network`, `timeout`, `server`) and a garbled answer `invalid_response`.
 */
export async function discoverHomeserver(
  ctx: AdapterContext,
  server: string,
  isTyped: boolean,
): Promise<DiscoveredHomeserver> {
  const fields = isTyped ? (["server"] as const) : []
  let found: DiscoveredHomeserver | undefined
  if (isUrl(server)) {
    const baseUrl = normalizeBaseUrl(server, fields)
    found = await loginFlows(ctx, baseUrl, isTyped)
    if (!found) {
      const delegated = await wellKnownBaseUrl(ctx, new URL(baseUrl).origin)
      if (delegated !== undefined && delegated !== baseUrl)
        found = await loginFlows(ctx, delegated, isTyped)
    }
  } else {
    const origin = serverOrigin(server, fields)
    found = await loginFlows(ctx, (await wellKnownBaseUrl(ctx, origin)) ?? origin, isTyped)
  }
  if (found) return found
  throw invalidServer(fields)
}

/**
 * `GET /login` at a candidate base URL; `undefined` when what answers is not a homeserver. Where the person typed
 * the address, an address nothing answers at is not a homeserver either (a typo looks like an outage).
 */
async function loginFlows(
  ctx: AdapterContext,
  baseUrl: string,
  isTyped: boolean,
): Promise<DiscoveredHomeserver | undefined> {
  let response: Response
  try {
    response = await ctx.fetch(new Request(`${baseUrl}/_matrix/client/v3/login`))
  } catch (error) {
    if (isTyped && isAuthError(error, "network", "timeout")) return undefined
    throw error
  }
  const json = parseJson(await ctx.readText(response))
  const { status, headers } = response
  if (status === 429 || status >= 500) {
    const refusal = matrixRefusal({ status, headers, json }, ctx.now())
    throw refusal ?? new AuthError("server", { vendor: matrixVendor, status })
  }
  if (!response.ok) return undefined
  const body = loginFlowsSchema.safeParse(json)
  if (body.success) return { baseUrl, flows: body.data.flows }
  if (isTyped) return undefined
  throw new AuthError("invalid_response", { vendor: matrixVendor, status, cause: body.error })
}

/** The base URL a server's `.well-known/matrix/client` names; `undefined` when it names none. */
async function wellKnownBaseUrl(ctx: AdapterContext, origin: string): Promise<string | undefined> {
  try {
    const response = await ctx.fetch(new Request(`${origin}/.well-known/matrix/client`))
    if (!response.ok) return undefined
    const body = wellKnownSchema.safeParse(parseJson(await ctx.readText(response)))
    const baseUrl = body.success ? body.data["m.homeserver"].base_url : undefined
    return baseUrl !== undefined && isUrl(baseUrl) && URL.canParse(baseUrl)
      ? normalizeBaseUrl(baseUrl)
      : undefined
  } catch (error) {
    if (isAuthError(error, "network", "timeout")) return undefined
    throw error
  }
}

function serverOrigin(serverName: string, fields: readonly AuthField[] = ["server"]): string {
  const name = serverName.trim().toLowerCase()
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(name)) throw invalidServer(fields)
  return `https://${name}`
}

/** Nothing that answers like a homeserver, or no usable server name at all: said on the server field, if shown. */
function invalidServer(fields: readonly AuthField[]): AuthError {
  return new AuthError("unknown_server", { vendor: matrixVendor, fields })
}

function normalizeBaseUrl(url: string, fields: readonly AuthField[] = ["server"]): string {
  if (!URL.canParse(url.trim())) throw invalidServer(fields)
  const parsed = new URL(url.trim())
  parsed.search = ""
  parsed.hash = ""
  return parsed.href.replace(/\/+$/, "")
}
