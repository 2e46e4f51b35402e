import { readFileSync } from "node:fs"

/** Which of Latchkey's bundles a peer is compared with: the same job, as close as the two kits allow. */
export type Counterpart = "coreWithVendor" | "coreWithMatrix" | "hooksKit" | "dropInSignIn"

/** A sign-in kit people use today, bundled the way Latchkey's bundles are. */
export interface Peer {
  readonly name: string
  /** The npm packages bundled; the first one's version is printed. */
  readonly packages: readonly string[]
  /** The entry bundled: what an app imports to do the job. */
  readonly source: string
  /** One line saying what the bundle includes, and what it leaves out. */
  readonly includes: string
  readonly counterpart: Counterpart
}

/** The peers, installed as devDependencies of the bench only (pinned versions). */
export const peers: readonly Peer[] = [
  {
    name: "oidc-client-ts",
    packages: ["oidc-client-ts"],
    source: `export { UserManager, WebStorageStateStore } from "oidc-client-ts"`,
    includes:
      "UserManager: OIDC code flow with PKCE, token refresh, silent renew, session monitor; no UI",
    counterpart: "coreWithVendor",
  },
  {
    name: "@supabase/auth-js",
    packages: ["@supabase/auth-js"],
    source: `export { AuthClient } from "@supabase/auth-js"`,
    includes: "AuthClient: password, OTP, OAuth, MFA, refresh, cross-tab locks; no UI",
    counterpart: "coreWithVendor",
  },
  {
    name: "keycloak-js",
    packages: ["keycloak-js"],
    source: `export { default as Keycloak } from "keycloak-js"`,
    includes:
      "Keycloak: redirect sign-in to Keycloak's own pages, token refresh; no password form, no UI",
    counterpart: "coreWithVendor",
  },
  {
    name: "better-auth React client + two-factor",
    packages: ["better-auth"],
    source: [
      `export { createAuthClient } from "better-auth/react"`,
      `export { twoFactorClient } from "better-auth/client/plugins"`,
    ].join(";"),
    includes:
      "createAuthClient (React hooks over nanostores) and the twoFactorClient plugin; no UI",
    counterpart: "hooksKit",
  },
  {
    name: "@supabase/auth-ui-react + auth-js",
    packages: ["@supabase/auth-ui-react", "@supabase/auth-js"],
    source: [
      `export { Auth } from "@supabase/auth-ui-react"`,
      `export { AuthClient } from "@supabase/auth-js"`,
    ].join(";"),
    includes:
      "the drop-in Auth screen (no theme) and AuthClient; a real app passes Auth a supabase-js client, " +
      "whose database, storage and realtime clients are not counted",
    counterpart: "dropInSignIn",
  },
  {
    name: "matrix-js-sdk",
    packages: ["matrix-js-sdk"],
    source: `export { createClient } from "matrix-js-sdk"`,
    includes:
      "createClient: the whole client (sync, rooms, events) comes with it; the crypto WASM is on demand",
    counterpart: "coreWithMatrix",
  },
]

/** The installed version of a peer's first package. */
export function peerVersion(peer: Peer): string {
  const name = peer.packages[0] ?? ""
  const manifest: unknown = JSON.parse(
    readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), "utf8"),
  )
  const version =
    typeof manifest === "object" && manifest !== null && "version" in manifest
      ? manifest.version
      : undefined
  return typeof version === "string" ? version : "?"
}
