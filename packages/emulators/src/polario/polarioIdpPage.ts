import { standInIdpPage } from "../standInIdpPage"
import type { PolarioSsoProvider } from "./polarioSso"

/** Someone the stand-in identity provider can sign in as. */
export interface IdpPerson {
  readonly email: string
  readonly displayName: string
}

/**
 * The stand-in SAML2 identity provider's page: asks which person signs in and posts the choice back with the relay
 * state; "Cancel and go back" returns to the page the browser came from.
 *
 * @example
 * return htmlResponse(idpPage({ provider, people, relayState, backUrl }))
 */
export function idpPage(options: {
  readonly provider: PolarioSsoProvider
  readonly people: readonly IdpPerson[]
  readonly relayState: string
  readonly backUrl: string
}): string {
  const { provider, people, relayState, backUrl } = options
  return standInIdpPage({
    title: provider.title,
    badge: "SAML2 identity provider · Polario emulator",
    intro:
      "Choose who signs in. This stand-in asks for no password: it sends you back to the app with a one-time code.",
    choices: people.map((person) => ({
      value: person.email,
      name: person.displayName,
      detail: person.email,
    })),
    hidden: { RelayState: relayState },
    backUrl,
  })
}
