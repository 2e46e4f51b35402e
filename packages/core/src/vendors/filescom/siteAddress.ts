/**
 * The name a host's owner registered (`files.com` for `acme.eu.files.com`, `example.co.uk` for
 * `files.example.co.uk`); an IP address is its own. An approximation of the public suffix list: under a two-letter
 * country domain, a second label of up to three letters (`co`, `com`, `org`, `ac`) is taken for part of the suffix.
 * It errs towards keeping sites apart (`files.abc.de` and `eu.abc.de` count as two; list such hosts in
 * `regionHosts`) but may join two sites under a shared hosting suffix (`a.example.io`, `b.example.io`).
 */
export function registrableDomain(hostname: string): string {
  const host = hostname.toLowerCase().replace(/\.$/, "")
  if (host.includes(":") || /^[\d.]+$/.test(host)) return host
  const labels = host.split(".")
  const isCountrySuffix = (labels.at(-1)?.length ?? 0) === 2 && (labels.at(-2)?.length ?? 0) <= 3
  return labels.slice(isCountrySuffix ? -3 : -2).join(".")
}

/** What a site address may move to: its own registrable domain, and the hosts the app allows beyond it. */
export interface SitePolicy {
  readonly site: URL
  /** Hosts (`eu.example.net`, or with a port) outside the site's registrable domain that are allowed too. */
  readonly allowedHosts: readonly string[]
}

/**
 * Whether `address` belongs to the configured site: the same registrable domain or an allowed host, and no weaker
 * protocol (an `https` site never moves to `http`).
 */
export function belongsToSite({ site, allowedHosts }: SitePolicy, address: URL): boolean {
  const isWeb = address.protocol === "https:" || address.protocol === "http:"
  const isDowngrade = site.protocol === "https:" && address.protocol !== "https:"
  const isSameSite = registrableDomain(address.hostname) === registrableDomain(site.hostname)
  const isAllowed = allowedHosts.includes(address.host) || allowedHosts.includes(address.hostname)
  return isWeb && !isDowngrade && (isSameSite || isAllowed)
}

/**
 * The base URL a `lockout-region-mismatch` answer's `data.host` points at, or `undefined` when it may not be
 * followed. Only the host (and protocol, when given) is taken; a bare host (`acme.eu.files.com`, as Files.com sends
 * it) keeps the site's protocol and path.
 */
export function regionBaseUrl(policy: SitePolicy, host: string): string | undefined {
  const text = host.trim()
  const hasScheme = text.includes("://")
  const address = parseUrl(hasScheme ? text : `${policy.site.protocol}//${text}`)
  if (address === undefined || !belongsToSite(policy, address)) return undefined
  return `${address.origin}${hasScheme ? "" : trimSlashes(policy.site.pathname)}`
}

/** A site address as the adapter keeps it: no trailing slash. */
export function trimSlashes(path: string): string {
  return path.replace(/\/+$/, "")
}

/** A URL, or `undefined` when `text` is not one. */
export function parseUrl(text: string): URL | undefined {
  return URL.canParse(text) ? new URL(text) : undefined
}
