import type { DemoPerson } from "../people"
import type { Router } from "../router"
import { matrixError } from "./matrixError"
import { type MatrixIdentityProvider, ssoPage } from "./ssoPage"

/** What the single sign-on routes need from the homeserver around them. */
export interface MatrixSsoDependencies {
  readonly providers: readonly MatrixIdentityProvider[]
  /** The people the stand-in identity provider offers, with their Matrix user ids. */
  people(): readonly { readonly person: DemoPerson; readonly userId: string }[]
  /** Issues the `loginToken` the browser carries back to the client. */
  issueLoginToken(userId: string): string
}

/**
 * Adds single sign-on to a Matrix router: the spec's `/login/sso/redirect` routes, the stand-in identity
 * provider's page and its form, and the providers' icons in the media repository.
 *
 * @example
 * matrixSsoRoutes(createRouter(), { providers, people: () => ssoPeople, issueLoginToken })
 */
export function matrixSsoRoutes(router: Router, sso: MatrixSsoDependencies): Router {
  const { providers } = sso
  const redirect = (url: URL, providerId: string | undefined): Response => {
    const redirectUrl = requiredRedirectUrl(url)
    const provider =
      providerId === undefined ? providers[0] : providers.find((idp) => idp.id === providerId)
    if (provider === undefined) return matrixError(404, "M_NOT_FOUND", "Unknown identity provider.")
    // Relative, so the redirect works wherever the emulator is mounted.
    const up = "../".repeat(url.pathname.split("/").length - 2)
    const target = `${up}_emulator/sso/${encodeURIComponent(provider.id)}?redirectUrl=${encodeURIComponent(redirectUrl)}`
    return new Response(null, { status: 302, headers: { Location: target } })
  }
  const iconIds = new Set(
    providers.flatMap((idp) => (idp.icon === undefined ? [] : [idp.icon.slice("mxc://".length)])),
  )
  const media = (params: { serverName: string; mediaId: string }): Response => {
    if (!iconIds.has(`${params.serverName}/${params.mediaId}`))
      return matrixError(404, "M_NOT_FOUND", "Not found")
    return new Response(iconSvg, {
      headers: { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=86400" },
    })
  }

  return router
    .get("/_matrix/client/v3/login/sso/redirect", ({ url }) => redirect(url, undefined))
    .get("/_matrix/client/v3/login/sso/redirect/:idpId", ({ url, params }) =>
      redirect(url, params.idpId),
    )
    .get("/_emulator/sso/:idpId", ({ request, url, params }) => {
      const provider = providers.find((idp) => idp.id === params.idpId)
      if (provider === undefined) return htmlResponse("Unknown identity provider.", 404)
      const redirectUrl = requiredRedirectUrl(url)
      const page = ssoPage({
        provider,
        people: sso.people(),
        redirectUrl,
        action: encodeURIComponent(provider.id),
        // The browser keeps the app's page as the referrer through the redirect here; else the app's root.
        backUrl:
          parseRedirectUrl(request.headers.get("Referer"))?.href ?? new URL("/", redirectUrl).href,
      })
      return htmlResponse(page, 200)
    })
    .post("/_emulator/sso/:idpId", async ({ request, params }) => {
      if (!providers.some((idp) => idp.id === params.idpId))
        return htmlResponse("Unknown identity provider.", 404)
      const form = await readForm(request)
      const redirectUrl = parseRedirectUrl(form.get("redirectUrl"))
      const chosen = sso.people().find(({ person }) => person.username === form.get("user"))
      if (redirectUrl === undefined || chosen === undefined)
        return htmlResponse("Choose a person to sign in as.", 400)
      redirectUrl.searchParams.set("loginToken", sso.issueLoginToken(chosen.userId))
      return new Response(null, { status: 302, headers: { Location: redirectUrl.href } })
    })
    .get("/_matrix/media/v3/download/:serverName/:mediaId", ({ params }) => media(params))
    .get("/_matrix/media/v3/thumbnail/:serverName/:mediaId", ({ params }) => media(params))
}

function requiredRedirectUrl(url: URL): string {
  const value = url.searchParams.get("redirectUrl")
  if (value === null) throw matrixError(400, "M_MISSING_PARAM", "Missing 'redirectUrl'.")
  const parsed = parseRedirectUrl(value)
  if (parsed === undefined) throw matrixError(400, "M_INVALID_PARAM", "Invalid 'redirectUrl'.")
  return parsed.href
}

function parseRedirectUrl(value: FormDataEntryValue | null): URL | undefined {
  if (typeof value !== "string") return undefined
  try {
    const url = new URL(value)
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined
  } catch {
    return undefined
  }
}

async function readForm(request: Request): Promise<URLSearchParams> {
  try {
    return new URLSearchParams(await request.text())
  } catch {
    return new URLSearchParams()
  }
}

function htmlResponse(body: string, status: number): Response {
  return new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8" } })
}

const iconSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#fc6d26"/><path d="M16 26 6 13l3-8 3 8h8l3-8 3 8z" fill="#fff"/></svg>'
