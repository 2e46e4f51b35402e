import type { DemoPerson } from "../people"

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
 * the same address, which sends the browser on to the client with a `loginToken`.
 *
 * @example
 * return new Response(ssoPage({ provider, people, redirectUrl, action: provider.id }), { headers: { "Content-Type": "text/html" } })
 */
export function ssoPage(options: {
  readonly provider: MatrixIdentityProvider
  readonly people: readonly { readonly person: DemoPerson; readonly userId: string }[]
  readonly redirectUrl: string
  /** The form's target, relative to the page. */
  readonly action: string
}): string {
  const { provider, people, redirectUrl, action } = options
  const buttons = people
    .map(
      ({ person, userId }) =>
        `<li><button type="submit" name="user" value="${escapeHtml(person.username)}">${escapeHtml(person.displayName)} <small>${escapeHtml(userId)}</small></button></li>`,
    )
    .join("\n")
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in with ${escapeHtml(provider.name)} (emulated)</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<main>
<h1>Sign in with ${escapeHtml(provider.name)}</h1>
<p>This is the Matrix emulator's stand-in identity provider. Choose who signs in; no password is asked.</p>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="redirectUrl" value="${escapeHtml(redirectUrl)}">
<ul>
${buttons}
</ul>
</form>
</main>
</body>
</html>
`
}

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;")
}
