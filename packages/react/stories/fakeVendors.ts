import type { AuthAdapter } from "@latchkey/core"
import type { FakeCredentials } from "@latchkey/core/testing"
import { type FakeWorld, fakeWorld } from "./worlds"

/*
 * Vendor shapes no emulator serves yet, built on the core's fake server: the fake vendor's adapter reshaped
 * into SFTPGo's (a code sent with the password). Replace it with the real adapter once that exists.
 */

/** SFTPGo offers no single sign-on to an API client. */
const withoutSso = ({
  ssoRedirectUrl: _redirect,
  completeSso: _complete,
  ...base
}: AuthAdapter<FakeCredentials>): AuthAdapter<FakeCredentials> => ({
  ...base,
  capabilities: { ...base.capabilities, sso: "none" },
  async discover(ctx, request) {
    return { ...(await base.discover(ctx, request)), ssoProviders: [] }
  },
})

/**
 * An SFTPGo-shaped server: user name, password and an optional one-time code in the same request, and the same
 * refusal for a wrong password as for a missing or wrong code. Tokens cannot be refreshed: the user signs in
 * again before they expire.
 */
export function inlineCodeWorld(options: { accessTtlMs?: number } = {}): FakeWorld {
  return fakeWorld({
    secondFactor: "inline",
    canRefresh: false,
    accessTtlMs: options.accessTtlMs ?? 20 * 60 * 1000,
    adapter: withoutSso,
  })
}
