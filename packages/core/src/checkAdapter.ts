import type { AuthAdapter } from "./adapter"

/**
 * Throws when an adapter's capabilities promise what its methods cannot do, or the reverse: the engine and the
 * forms trust the capabilities alone.
 */
export function checkAdapter<Credentials>(adapter: AuthAdapter<Credentials>): void {
  const { capabilities: can } = adapter
  const disagreeing = [
    [can.refresh === "token", adapter.refresh, "refresh"],
    [can.sso !== "none", adapter.ssoRedirectUrl && adapter.completeSso, "sso"],
    [can.loginToken, adapter.signInWithLoginToken, "loginToken"],
  ]
    .filter(([promised, method]) => promised !== (method !== undefined))
    .map(([, , name]) => name)
  if (disagreeing.length > 0)
    throw new TypeError(
      `${adapter.vendor} adapter: capabilities ${disagreeing.join(", ")} disagree with its methods`,
    )
}
