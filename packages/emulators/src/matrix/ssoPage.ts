import type { DemoPerson } from "../people"
import { standInIdpPage } from "../standInIdpPage"

/** One identity provider the emulated homeserver offers for single sign-on. */
export interface MatrixIdentityProvider {
  readonly id: string
  readonly name: string
  readonly brand?: string
  /** An `mxc://` URI the emulator serves from its media repository. */
  readonly icon?: string
}

/**
 * The stand-in identity provider's page: asks which demo person signs in and posts the choice back to
 * the same address, which sends the browser on to the client with a `loginToken`; "Cancel and go back" returns to
 * the page the browser came from.
 *
 * @example
 * return new Response(ssoPage({ provider, people, redirectUrl, action: provider.id, backUrl }), { headers: { "Content-Type": "text/html" } })
 */
export function ssoPage(options: {
  readonly provider: MatrixIdentityProvider
  readonly people: readonly { readonly person: DemoPerson; readonly userId: string }[]
  readonly redirectUrl: string
  /** The form's target, relative to the page. */
  readonly action: string
  /** The page the browser came from. */
  readonly backUrl: string
}): string {
  const { provider, people, redirectUrl, action, backUrl } = options
  return standInIdpPage({
    title: provider.name,
    badge: "Identity provider · Matrix emulator",
    intro:
      "Choose who signs in. This stand-in asks for no password: it sends you back to the app with a login token.",
    choices: people.map(({ person, userId }) => ({
      value: person.username,
      name: person.displayName,
      detail: userId,
    })),
    hidden: { redirectUrl },
    action,
    backUrl,
  })
}
