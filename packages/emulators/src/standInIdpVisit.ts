import type { Emulator } from "./emulator"

/** Redirects followed before giving up: the emulators need two at the most. */
const maxRedirects = 5

/**
 * Does the browser's part of a single sign-on round trip against an emulator, without a browser: from the address
 * the app sends the browser to (`startUrl`), it follows the emulator's redirects to the stand-in identity provider's
 * page, chooses `user` there (a button's value: a user name or an e-mail address, as the page lists them) with the
 * page's own hidden fields, and returns the address the browser lands on — the app's callback, carrying the
 * vendor's one-time code.
 *
 * @example
 * await flow.startSso("oidc-github")
 * const landing = await visitStandInIdp(matrix, platform.visited[0], "alice")
 * client.completeSso(landing)
 */
export async function visitStandInIdp(
  emulator: Pick<Emulator, "handle">,
  startUrl: string,
  user: string,
): Promise<string> {
  let url = new URL(startUrl)
  let response = await emulator.handle(new Request(url))
  for (let redirects = 0; isRedirect(response); redirects++) {
    if (redirects === maxRedirects) throw new Error(`Too many redirects from ${startUrl}`)
    url = new URL(response.headers.get("Location") ?? "", url)
    response = await emulator.handle(new Request(url))
  }
  const page = await response.text()
  const form = /<form method="post"(?: action="([^"]*)")?>/.exec(page)
  if (response.status !== 200 || form === null)
    throw new Error(`No stand-in identity provider at ${url.pathname} (status ${response.status})`)
  const fields = new URLSearchParams()
  for (const [, name = "", value = ""] of page.matchAll(
    /<input type="hidden" name="([^"]*)" value="([^"]*)">/g,
  ))
    fields.set(unescapeHtml(name), unescapeHtml(value))
  fields.set("user", user)
  const chosen = await emulator.handle(
    new Request(new URL(unescapeHtml(form[1] ?? ""), url), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: fields.toString(),
    }),
  )
  const landing = chosen.headers.get("Location")
  if (!isRedirect(chosen) || landing === null)
    throw new Error(`The stand-in identity provider refused ${user} (status ${chosen.status})`)
  return new URL(landing, url).href
}

function isRedirect(response: Response): boolean {
  return response.status >= 300 && response.status < 400
}

/** Undoes the page's escaping of attribute values (`&amp;`, `&quot;`, …). */
function unescapeHtml(text: string): string {
  return text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&")
}
