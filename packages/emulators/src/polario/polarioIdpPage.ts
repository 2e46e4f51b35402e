import type { PolarioSsoProvider } from "./polarioSso"

/** Someone the stand-in identity provider can sign in as. */
export interface IdpPerson {
  readonly email: string
  readonly displayName: string
}

/**
 * The stand-in SAML2 identity provider's page, in the demo's colours, light or dark as the system prefers: asks
 * which person signs in and posts the choice back with the relay state; "Cancel and go back" returns to the page
 * the browser came from.
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
  const title = escapeHtml(provider.title)
  const buttons = people
    .map(
      (person) =>
        `<li><button type="submit" name="user" value="${escapeHtml(person.email)}"><span>${escapeHtml(person.displayName)}</span><small>${escapeHtml(person.email)}</small></button></li>`,
    )
    .join("\n")
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Sign in with ${title} (emulated)</title>
<style>${styles}</style>
</head>
<body>
<main>
<p class="badge">SAML2 identity provider · Polario emulator</p>
<h1>Sign in with ${title}</h1>
<p>Choose who signs in. This stand-in asks for no password: it sends you back to the app with a one-time code.</p>
<form method="post">
<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">
<ul>
${buttons}
</ul>
</form>
<a class="back" href="${escapeHtml(backUrl)}">Cancel and go back</a>
</main>
</body>
</html>
`
}

const styles = `
:root { color-scheme: light dark; --bg: #f2f4f7; --card: #ffffff; --fg: #1b1f24; --muted: #57606a;
  --line: #d5dae1; --accent: #0b5cad; --focus: #1f6feb; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --card: #161b22; --fg: #e6edf3; --muted: #9da7b3;
  --line: #30363d; --accent: #58a6ff; --focus: #79c0ff; } }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--fg);
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { box-sizing: border-box; width: min(26rem, 100% - 2rem); padding: 1.5rem; border: 1px solid var(--line);
  border-radius: 0.75rem; background: var(--card); }
h1 { margin: 0.25rem 0 0.5rem; font-size: 1.4rem; line-height: 1.25; }
p { margin: 0 0 1rem; color: var(--muted); }
.badge { margin: 0; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; }
ul { display: grid; gap: 0.5rem; margin: 0 0 1rem; padding: 0; list-style: none; }
button { display: flex; width: 100%; flex-direction: column; align-items: flex-start; padding: 0.6rem 0.8rem;
  border: 1px solid var(--line); border-radius: 0.5rem; background: transparent; color: inherit; font: inherit;
  text-align: left; cursor: pointer; }
button:hover { border-color: var(--accent); }
button small { color: var(--muted); }
button:focus-visible, a:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
a { color: var(--accent); }
`

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;")
}
