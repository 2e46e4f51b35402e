import type { AdapterCapabilities, AdapterContext, AuthAdapter } from "../../adapter"
import { AuthError, isAuthError } from "../../authError"
import { encodeBase64 } from "../../base64"
import { jsonRequest, peekJson, type Refusal, send, sendJson } from "../../sendJson"
import type { Session } from "../../session"
import {
  retryAfterMs,
  revokedReasons,
  sessionRefusal,
  tokenRefusal,
  sftpgoVendor as vendor,
} from "./sftpgoRefusal"
import {
  apiResponseSchema,
  parseRfc3339,
  profileSchema,
  type SftpgoCredentials,
  sftpgoCredentialsSchema,
  tokenSchema,
} from "./sftpgoSchemas"

/** How to reach an SFTPGo server, and whom the app signs in. */
export interface SftpgoAdapterOptions {
  /** The server's origin (or the path it is mounted under); the API lives at `<baseUrl>/api/v2`. */
  readonly baseUrl: string
  /** `user` (the default) signs in users with `/user/token`; `admin` signs in admins with `/token`. */
  readonly realm?: "admin" | "user" | undefined
  /**
   * Whether the form asks for a one-time code with the password: `optional` (the default) offers the field and
   * sends a code when one is typed; `always` requires one; `never` has no field.
   */
  readonly code?: "never" | "optional" | "always" | undefined
}

const secondFactors = {
  never: "none",
  optional: "inlineOptional",
  always: "inlineRequired",
} as const satisfies Record<string, AdapterCapabilities["secondFactor"]>

const paths = {
  admin: { token: "/token", logout: "/logout", profile: "/admin/profile" },
  user: { token: "/user/token", logout: "/user/logout", profile: "/user/profile" },
} as const

/**
 * The adapter of an SFTPGo server's REST API v2: a token for a user name and password (HTTP Basic, UTF-8), the
 * TOTP code sent along in `X-SFTPGO-OTP`, no refresh — the session asks for the password again before it expires.
 * @example
 * const client = createAuthClient({ adapter: sftpgoAdapter({ baseUrl: "https://files.example.com" }) })
 * await client.signIn().submit({ identifier: "alice", password, code: "123456" })
 */
export function sftpgoAdapter(options: SftpgoAdapterOptions): AuthAdapter<SftpgoCredentials> {
  const apiUrl = `${options.baseUrl.replace(/\/+$/, "")}/api/v2`
  const realm = paths[options.realm ?? "user"]
  const codeMode = options.code ?? "optional"

  const authorize = (request: Request, session: Session<SftpgoCredentials>) => {
    const headers = new Headers(request.headers)
    headers.set("authorization", `Bearer ${session.credentials.accessToken}`)
    return new Request(request, { headers })
  }
  const reading = (ctx: AdapterContext) => ({
    vendor,
    refusal: (refusal: Refusal) => sessionRefusal(refusal, ctx.now()),
  })

  return {
    vendor,
    capabilities: {
      secondFactor: secondFactors[codeMode],
      refresh: "reauth",
      sso: "none",
      signOutEverywhere: false,
      loginToken: false,
    },

    async discover() {
      return { identifier: "username", asksForServer: false, hasPassword: true, ssoProviders: [] }
    },

    async signIn(ctx, input, previous) {
      // Re-authentication is for the same person, whatever the form sends as the identifier.
      const user = previous?.user ?? { id: input.identifier.trim() }
      // Basic credentials split at the first colon (RFC 7617): a user name cannot hold one.
      if (user.id === "" || user.id.includes(":"))
        throw new AuthError("invalid_input", { vendor, fields: ["identifier"] })
      const code = codeMode === "never" ? "" : (input.code ?? "").replace(/\s+/g, "")
      if (codeMode === "always" && code === "")
        throw new AuthError("invalid_input", { vendor, fields: ["code"] })
      // `btoa` throws on characters outside Latin-1: encode the UTF-8 bytes, as SFTPGo decodes them.
      const basic = encodeBase64(new TextEncoder().encode(`${user.id}:${input.password}`))
      const headers: Record<string, string> = { authorization: `Basic ${basic}` }
      if (code !== "") headers["x-sftpgo-otp"] = code
      const issuedAt = ctx.now()
      const attempt = {
        hasCode: code !== "",
        offersCode: codeMode !== "never",
        secrets: [input.password, code],
        now: ctx.now(),
      }
      // SFTPGo answers a refused token request with `WWW-Authenticate: Basic`: a browser sending its own
      // credentials (same origin) would stop at its login prompt, so the request carries none but ours.
      const request = new Request(jsonRequest(`${apiUrl}${realm.token}`, { headers }), {
        credentials: "omit",
      })
      const { body } = await sendJson(ctx, request, tokenSchema, {
        vendor,
        refusal: (refusal) => tokenRefusal(refusal, attempt),
      })
      const expiresAt = parseRfc3339(body.expires_at)
      if (expiresAt === undefined) throw new AuthError("invalid_response", { vendor, status: 200 })
      return {
        type: "signedIn",
        session: {
          user,
          credentials: { accessToken: body.access_token },
          issuedAt,
          expiresAt,
          isRefreshable: false,
        },
      }
    },

    async validate(ctx, session) {
      const request = authorize(jsonRequest(`${apiUrl}${realm.profile}`), session)
      const { body } = await sendJson(ctx, request, profileSchema, reading(ctx))
      return { ...session, user: { ...session.user, email: body.email || session.user.email } }
    },

    async signOut(ctx, session) {
      try {
        await send(ctx, authorize(jsonRequest(`${apiUrl}${realm.logout}`), session), reading(ctx))
      } catch (error) {
        // A token the server no longer takes is as signed out as it gets.
        if (!isAuthError(error, "session_expired", "session_revoked")) throw error
      }
      return {}
    },

    authorize,

    async classify(response) {
      if (response.status === 429)
        return { type: "rateLimited", retryAfterMs: retryAfterMs(response.headers) }
      if (response.status !== 401) return { type: "ok" }
      const body = await peekJson(response, apiResponseSchema)
      const serverMessage = body?.message || undefined
      return revokedReasons.includes(body?.message ?? "")
        ? { type: "revoked", serverMessage }
        : { type: "expired", serverMessage }
    },

    parseCredentials(value) {
      const result = sftpgoCredentialsSchema.safeParse(value)
      return result.success ? result.data : undefined
    },
  }
}
