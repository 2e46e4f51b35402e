import type { AuthAdapter } from "./adapter"

/**
 * Throws a clear error when an adapter's capabilities promise what its methods cannot do, or the reverse:
 * the engine and the forms trust the capabilities alone.
 */
export function checkAdapter<Credentials>(adapter: AuthAdapter<Credentials>): void {
  const { capabilities: can } = adapter
  const problems: string[] = []
  const expect = (promised: boolean, present: boolean, what: string) => {
    if (promised && !present) problems.push(`it promises ${what} but has no method for it`)
    if (!promised && present) problems.push(`it has a method for ${what} but does not promise it`)
  }
  expect(can.refresh === "token", adapter.refresh !== undefined, "refresh (`refresh`)")
  expect(
    can.sso !== "none",
    adapter.ssoRedirectUrl !== undefined && adapter.completeSso !== undefined,
    "single sign-on (`ssoRedirectUrl`, `completeSso`)",
  )
  expect(
    can.loginToken,
    adapter.signInWithLoginToken !== undefined,
    "login tokens (`signInWithLoginToken`)",
  )
  if (problems.length > 0) {
    throw new TypeError(
      `The ${adapter.vendor} adapter's capabilities disagree with its methods: ${problems.join("; ")}.`,
    )
  }
}
