/** The demo's screens, read from the address bar: a vendor's tab, its SSO callback, or the settings. */
export type Route =
  | { readonly screen: "vendor"; readonly vendor: string }
  | { readonly screen: "callback"; readonly vendor: string }
  | { readonly screen: "settings" }
  | { readonly screen: "home" }

/** Reads a path such as `/matrix`, `/matrix/callback` or `/settings`. */
export function parseRoute(pathname: string): Route {
  const [first, second] = pathname.split("/").filter((part) => part !== "")
  if (first === undefined) return { screen: "home" }
  if (first === "settings" && second === undefined) return { screen: "settings" }
  if (second === "callback") return { screen: "callback", vendor: first }
  if (second === undefined) return { screen: "vendor", vendor: first }
  return { screen: "home" }
}

/** The path of a vendor's tab. */
export const vendorPath = (vendor: string) => `/${vendor}`

/** The path the identity provider sends the browser back to. */
export const callbackPath = (vendor: string) => `/${vendor}/callback`
