import type { AdapterContext } from "./adapter"
import { AuthError } from "./authError"
import { parseRetryAfter } from "./retryAfter"
import type { Schema } from "./schema"

/** Answers larger than this are not sign-in answers. */
export const maxBodyBytes = 1_000_000

/** A refused answer (neither 2xx nor a rate limit nor a 5xx), its body read once, as the vendor sees it. */
export interface Refusal {
  readonly status: number
  readonly headers: Headers
  /** The body parsed as JSON; `undefined` when it is empty or not JSON. */
  readonly json: unknown
}

/** How `send` and `sendJson` read a vendor's answers. */
export interface SendOptions {
  readonly vendor: string
  /**
   * The vendor's reading of a refusal: an `AuthError`, or `undefined` to fall back to the shared reading
   * (429 → `rate_limited` with `Retry-After`, 5xx → `server`, anything else → `invalid_response`).
   * It sees every status but 2xx, so a vendor can read its own rate-limit body too.
   */
  readonly refusal?: ((refusal: Refusal) => AuthError | undefined) | undefined
}

/**
 * Builds a JSON request: `body` serialised, `Content-Type` and `Accept` set.
 * @example
 * jsonRequest(`${base}/login`, { body: { user, password } })
 */
export function jsonRequest(
  url: string,
  init: { method?: string; body?: unknown; headers?: HeadersInit } = {},
): Request {
  const headers = new Headers(init.headers)
  headers.set("accept", "application/json")
  if (init.body !== undefined) headers.set("content-type", "application/json")
  return new Request(url, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
}

/**
 * Sends `request` through the adapter's context and returns a 2xx answer unread; anything else becomes the
 * vendor's `AuthError` (see `SendOptions.refusal`) — never a raw exception.
 */
export async function send(
  ctx: AdapterContext,
  request: Request,
  options: SendOptions,
): Promise<Response> {
  const response = await ctx.fetch(request)
  if (response.ok) return response
  const json = parseJson(await ctx.readText(response).catch(() => ""))
  throw (
    options.refusal?.({ status: response.status, headers: response.headers, json }) ??
    sharedFailure(response.status, response.headers, ctx.now(), options.vendor)
  )
}

/**
 * Sends `request` and parses the 2xx answer's JSON body with `schema`: the one way adapters call their vendor.
 * Refusals become the vendor's `AuthError`; a body that does not parse, or is too large, `invalid_response`.
 * @example
 * const { body } = await sendJson(ctx, jsonRequest(url, { body: login }), loginSchema, { vendor, refusal })
 */
export async function sendJson<T>(
  ctx: AdapterContext,
  request: Request,
  schema: Schema<T>,
  options: SendOptions,
): Promise<{ readonly body: T; readonly response: Response }> {
  const response = await send(ctx, request, options)
  return { body: await readJson(ctx, response, schema, options.vendor), response }
}

/** Reads a body as JSON of `schema`'s shape, within the client's timeout; anything else is `invalid_response`. */
export async function readJson<T>(
  ctx: AdapterContext,
  response: Response,
  schema: Schema<T>,
  vendor: string,
): Promise<T> {
  const invalid = (cause?: unknown) =>
    new AuthError("invalid_response", { vendor, status: response.status, cause })
  const text = await ctx.readText(response).catch((error: unknown) => {
    throw error instanceof AuthError && error.code !== "invalid_response" ? error : invalid(error)
  })
  const json = parseJson(text)
  if (json === undefined) throw invalid()
  const result = schema.safeParse(json)
  if (!result.success) throw invalid(result.error)
  return result.data
}

/** The reading every vendor shares of a refusal it has no words for. */
export function sharedFailure(
  status: number,
  headers: Headers,
  now: number,
  vendor: string,
): AuthError {
  if (status === 429) return rateLimited({ vendor, status, headers, now })
  if (status >= 500) return new AuthError("server", { vendor, status })
  return new AuthError("invalid_response", { vendor, status })
}

/** A `rate_limited` error waiting as long as `Retry-After` (seconds or an HTTP date) asks, else `fallbackMs`. */
export function rateLimited(answer: {
  vendor: string
  status: number
  headers: Headers
  now: number
  fallbackMs?: number | undefined
  vendorCode?: string | number | undefined
}): AuthError {
  const { vendor, status, vendorCode } = answer
  const retryAfterMs =
    parseRetryAfter(answer.headers.get("retry-after"), answer.now) ?? answer.fallbackMs
  return new AuthError("rate_limited", { vendor, status, vendorCode, retryAfterMs })
}

/** Parses JSON text; `undefined` for an empty or malformed body. */
export function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * Reads a body that may or may not be JSON of `schema`'s shape, for `classify` (which runs outside an adapter
 * context); `undefined` when it is not, or when it is larger than a sign-in answer can be.
 */
export async function peekJson<T>(response: Response, schema: Schema<T>): Promise<T | undefined> {
  const text = await response.text().catch(() => "")
  if (text.length > maxBodyBytes) return undefined
  const result = schema.safeParse(parseJson(text))
  return result.success ? result.data : undefined
}
