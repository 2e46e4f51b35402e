import type { AdapterContext, AuthAdapter, SignInStep } from "./adapter"
import { AuthError } from "./authError"
import type { SignInFlowDeps } from "./signInFlow"
import { ssoStateParameter } from "./ssoState"

/**
 * The sign-in flow's way out to the identity provider: remembers a one-time state for this tab, puts it in the
 * callback address when the vendor carries it back, asks the vendor where to go, and navigates there.
 */
export async function leaveForIdentityProvider<Credentials>(
  ctx: AdapterContext,
  deps: SignInFlowDeps<Credentials>,
  redirectUrl: NonNullable<AuthAdapter<Credentials>["ssoRedirectUrl"]>,
  request: { providerId: string | undefined; server: string | undefined },
): Promise<void> {
  const { vendor, capabilities } = deps.adapter
  const base = deps.ssoCallbackUrl()
  if (!base) throw new AuthError("unsupported", { vendor })
  const callbackUrl = new URL(base)
  const page = deps.pageUrl()
  // The identity provider hands its one-time token to the callback: never to another origin, which could not
  // finish the sign-on anyway (the pending state is in this origin's tab storage).
  if (page !== undefined && URL.canParse(page) && new URL(page).origin !== callbackUrl.origin)
    throw new AuthError("unsupported", {
      vendor,
      cause: new Error("The single sign-on callback must be on the page's own origin."),
    })
  const pending = await deps.sso.begin(request.server)
  if (capabilities.sso === "stateParameter")
    callbackUrl.searchParams.set(ssoStateParameter, pending)
  deps.navigate(await redirectUrl(ctx, { ...request, callbackUrl: callbackUrl.href }))
}

/**
 * The way back: cleans the one-time values out of the address bar, accepts the callback only with this tab's
 * pending state (the state parameter, or the marker alone for vendors whose redirect cannot carry it), and lets the
 * vendor finish — as the session being re-authenticated or the one this browser holds, if any.
 */
export async function returnFromIdentityProvider<Credentials>(
  ctx: AdapterContext,
  deps: SignInFlowDeps<Credentials>,
  complete: NonNullable<AuthAdapter<Credentials>["completeSso"]>,
  callbackUrl: string,
): Promise<SignInStep<Credentials>> {
  const { adapter } = deps
  const refused = () => new AuthError("sso_state_mismatch", { vendor: adapter.vendor })
  if (!URL.canParse(callbackUrl)) throw refused()
  const url = new URL(callbackUrl)
  const returned =
    adapter.capabilities.sso === "stateParameter"
      ? (url.searchParams.get(ssoStateParameter) ?? null)
      : undefined
  const clean = new URL(callbackUrl)
  for (const name of [ssoStateParameter, ...(adapter.ssoCallbackParameters ?? [])])
    clean.searchParams.delete(name)
  deps.replaceUrl(clean.href)
  const record = await deps.sso.consume(returned)
  if (!record) throw refused()
  return complete(ctx, { url, server: record.server }, deps.reauth ?? deps.storedSession())
}
