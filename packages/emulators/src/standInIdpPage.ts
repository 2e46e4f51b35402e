/** Someone the stand-in identity provider offers, as one button. */
export interface StandInChoice {
  /** What the form posts as `user`. */
  readonly value: string
  readonly name: string
  /** A second line: the account's address or ID. */
  readonly detail: string
}

/**
 * The emulators' stand-in identity-provider page, in the demo's colours, light or dark as the system prefers: asks
 * which person signs in (no password), shows progress once one is chosen, and offers "Cancel and go back". Shared
 * by every emulator with single sign-on, so their pages look alike.
 *
 * @example
 * htmlResponse(standInIdpPage({ title: "GitHub", badge: "OpenID Connect · Matrix emulator", choices, hidden, backUrl }))
 */
export function standInIdpPage(options: {
  readonly title: string
  readonly badge: string
  readonly intro: string
  readonly choices: readonly StandInChoice[]
  /** Fields posted with the choice (the relay state, the address to return to). */
  readonly hidden: Readonly<Record<string, string>>
  /** The form's target, relative to the page; the page's own address when absent. */
  readonly action?: string | undefined
  /** The page the browser came from. */
  readonly backUrl: string
}): string {
  const title = escapeHtml(options.title)
  const action = options.action === undefined ? "" : ` action="${escapeHtml(options.action)}"`
  const hidden = Object.entries(options.hidden)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join("\n")
  const buttons = options.choices
    .map(
      (choice) =>
        `<li><button type="submit" name="user" value="${escapeHtml(choice.value)}"><span>${escapeHtml(choice.name)}</span><small>${escapeHtml(choice.detail)}</small></button></li>`,
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
<p class="badge">${escapeHtml(options.badge)}</p>
<h1>Sign in with ${title}</h1>
<p>${escapeHtml(options.intro)}</p>
<form method="post"${action}>
${hidden}
<ul>
${buttons}
</ul>
<p class="progress" role="status"></p>
</form>
<a class="back" href="${escapeHtml(options.backUrl)}">Cancel and go back</a>
</main>
<script>${progress}</script>
</body>
</html>
`
}

// The answer is a redirect back to the app, which takes a moment: say so, and keep a second click from racing it.
// The buttons are not disabled (a disabled submitter would drop its value from the form).
const progress = `
const form = document.querySelector("form");
form.addEventListener("submit", (event) => {
  const chosen = event.submitter?.querySelector("span")?.textContent ?? "";
  form.setAttribute("aria-busy", "true");
  event.submitter?.setAttribute("data-chosen", "");
  form.querySelector(".progress").textContent = "Signing in as " + chosen + "…";
});
`

const styles = `
:root { color-scheme: light dark; --bg: #f2f4f7; --card: #ffffff; --fg: #1b1f24; --muted: #57606a;
  --line: #d5dae1; --accent: #0b5cad; --focus: #1f6feb; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --card: #161b22; --fg: #e6edf3; --muted: #9da7b3;
  --line: #30363d; --accent: #58a6ff; --focus: #79c0ff; } }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--fg);
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { box-sizing: border-box; width: min(26rem, 100% - 2rem); padding: 1.5rem; border: 1px solid var(--line);
  border-radius: 0.75rem; background: var(--card); overflow-wrap: anywhere; }
h1 { margin: 0.25rem 0 0.5rem; font-size: 1.4rem; line-height: 1.25; }
p { margin: 0 0 1rem; color: var(--muted); }
.badge { margin: 0; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; }
ul { display: grid; gap: 0.5rem; margin: 0 0 1rem; padding: 0; list-style: none; }
button { position: relative; display: flex; width: 100%; flex-direction: column; align-items: flex-start;
  padding: 0.6rem 2.5rem 0.6rem 0.8rem; border: 1px solid var(--line); border-radius: 0.5rem;
  background: transparent; color: inherit; font: inherit; text-align: left; cursor: pointer; }
button:hover { border-color: var(--accent); }
button small { color: var(--muted); }
button:focus-visible, a:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
form[aria-busy="true"] button { pointer-events: none; cursor: progress; }
form[aria-busy="true"] button:not([data-chosen]) { opacity: 0.5; }
button[data-chosen] { border-color: var(--accent); }
button[data-chosen]::after { content: ""; position: absolute; top: 50%; right: 0.9rem; width: 1rem; height: 1rem;
  margin-top: -0.5rem; border: 2px solid currentColor; border-right-color: transparent; border-radius: 50%;
  animation: spin 0.8s linear infinite; }
@keyframes spin { to { transform: rotate(1turn); } }
.progress:empty { display: none; }
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
