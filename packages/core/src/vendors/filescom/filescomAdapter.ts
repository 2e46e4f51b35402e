import type { AdapterContext, AuthAdapter, SignInOptions, SignInStep } from "../../adapter"
import { AuthError, isAuthError } from "../../authError"
import * as v from "../../schema"
import { jsonRequest, peekJson, send } from "../../sendJson"
import type { Session } from "../../session"
import {
  filescomRefusal,
  invalidSessionType,
  regionMismatchType,
  filescomVendor as vendor,
} from "./filescomError"
import {
  type FilescomCredentials,
  filescomCredentialsSchema,
  readFilescomError,
} from "./filescomSchemas"
import { secondFactorStep } from "./secondFactorChallenge"
import { postSession, type SessionFields, type SiteAnswer } from "./sessionRequest"
import { belongsToSite, parseUrl, regionBaseUrl, type SitePolicy, trimSlashes } from "./siteAddress"

/** How to reach a Files.com site. */
export interface FilescomAdapterOptions {
  /** The site's address: `https://<site>.files.com`, a custom domain, or an emulator; the API is under `/api/rest/v1`. */
  readonly baseUrl: string
  /** How long a session lasts before the user signs in again; 6 hours (the official CLI's assumption) by default. */
  readonly sessionLifetimeMs?: number | undefined
  /**
   * Hosts outside the site's registrable domain that a region mismatch may move the sign-in to; none by default
   * (a host on the site's own domain, like `acme.eu.files.com` for `acme.files.com`, needs no entry).
   */
  readonly regionHosts?: readonly string[] | undefined
}

const defaultSessionLifetimeMs = 6 * 60 * 60 * 1000

const signInOptions: SignInOptions = {
  identifier: "username",
  asksForServer: false,
  hasPassword: true,
  ssoProviders: [],
}

/**
 * The adapter of a Files.com site (REST API v1 sessions): user name and password, a second-factor challenge with
 * TOTP, text message or YubiKey, a retry on the site's own region, and sessions that end after a lifetime (no
 * refresh: the user signs in again, the user name kept).
 * @example
 * const client = createAuthClient({ adapter: filescomAdapter({ baseUrl: "https://acme.files.com" }) })
 * const flow = client.signIn()
 * await flow.submit({ identifier: "alice", password })
 */
export function filescomAdapter(options: FilescomAdapterOptions): AuthAdapter<FilescomCredentials> {
  const site = new URL(options.baseUrl)
  const siteUrl = `${site.origin}${trimSlashes(site.pathname)}`
  const policy: SitePolicy = { site, allowedHosts: options.regionHosts ?? [] }
  const lifetimeMs = options.sessionLifetimeMs ?? defaultSessionLifetimeMs

  const isSiteAddress = (address: string) => {
    const url = parseUrl(address)
    return url !== undefined && belongsToSite(policy, url)
  }

  const authorize = (request: Request, session: Session<FilescomCredentials>) => {
    const headers = new Headers(request.headers)
    headers.set("X-FilesAPI-Auth", session.credentials.sessionId)
    return new Request(request, { headers })
  }

  /**
   * Signs in at `baseUrl`. A region mismatch is followed to the host it names when `mayMove`, and only then: the
   * retry itself may not move again, nor may the second step of a sign-in.
   */
  const post = async (
    ctx: AdapterContext,
    baseUrl: string,
    fields: SessionFields,
    mayMove: boolean,
  ): Promise<{ answer: SiteAnswer; baseUrl: string }> => {
    const answer = await postSession(ctx, baseUrl, fields)
    if (answer.type !== "regionMismatch") return { answer, baseUrl }
    const regionUrl = mayMove ? regionBaseUrl(policy, answer.host) : undefined
    if (regionUrl === undefined)
      throw new AuthError("server", {
        vendor,
        status: 403,
        vendorCode: regionMismatchType,
      })
    return post(ctx, regionUrl, fields, false)
  }

  return {
    vendor,
    capabilities: {
      secondFactor: "challenge",
      refresh: "reauth",
      sso: "none",
      signOutEverywhere: false,
      loginToken: false,
    },

    async discover() {
      return signInOptions
    },

    async signIn(ctx, input, previous): Promise<SignInStep<FilescomCredentials>> {
      // Re-authentication asks only for the password: the user name is the session's, whatever the form sends.
      const username = previous?.user.id ?? input.identifier.trim()
      if (!username) throw new AuthError("invalid_input", { vendor, fields: ["identifier"] })
      const previousUrl = previous?.credentials.baseUrl
      const startUrl = previousUrl && isSiteAddress(previousUrl) ? previousUrl : siteUrl
      const issuedAt = ctx.now()
      const { answer, baseUrl } = await post(
        ctx,
        startUrl,
        { username, password: input.password },
        true,
      )
      const signedIn = (sessionId: string, startedAt: number): SignInStep<FilescomCredentials> => ({
        type: "signedIn",
        session: {
          user: { id: username },
          credentials: { sessionId, baseUrl },
          issuedAt: startedAt,
          expiresAt: startedAt + lifetimeMs,
          isRefreshable: false,
        },
      })
      switch (answer.type) {
        case "session":
          return signedIn(answer.id, issuedAt)
        case "twoFactor":
          return secondFactorStep(
            {
              username,
              issuedAt,
              signedIn,
              post: async (next, fields) => (await post(next, baseUrl, fields, false)).answer,
            },
            input.password,
            answer,
          )
        default:
          return answer satisfies never
      }
    },

    async signOut(ctx, session) {
      const request = jsonRequest(`${session.credentials.baseUrl}/api/rest/v1/sessions`, {
        method: "DELETE",
      })
      try {
        // The answer is an empty body: nothing to read.
        await send(ctx, authorize(request, session), {
          vendor,
          refusal: (refusal) =>
            filescomRefusal(refusal, readFilescomError(refusal.json), ctx.now()),
        })
      } catch (error) {
        // A session the server no longer knows is as signed out as it gets.
        if (!isAuthError(error, "session_expired")) throw error
      }
      return {}
    },

    authorize,

    async classify(response) {
      // A rate limit on the app's own calls is the app's to wait out, as the client treats it anyway.
      if (response.status !== 401) return { type: "ok" }
      const body = readFilescomError(await peekJson(response, v.unknown()))
      // Other 401s (a sensitive action asking for the password again) are the app's to handle.
      return body?.type === invalidSessionType ? { type: "expired" } : { type: "ok" }
    },

    parseCredentials(value) {
      const result = filescomCredentialsSchema.safeParse(value)
      return result.success && isSiteAddress(result.data.baseUrl) ? result.data : undefined
    },
  }
}
