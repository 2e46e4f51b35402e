import {
  type AuthAdapter,
  type AuthClient,
  type AuthClientOptions,
  createAuthClient,
} from "@latchkey/core"
import { cloudreveAdapter } from "@latchkey/core/cloudreve"
import { matrixAdapter } from "@latchkey/core/matrix"
import {
  alice,
  bob,
  cloudrevePeople,
  cloudreveStatuses,
  type DemoPerson,
  carol as matrixCarol,
} from "@latchkey/emulators"
import type { ReactNode, RefObject } from "react"
import { filescom } from "./filescomVendor"
import { LoginTokenPanel } from "./LoginTokenPanel"
import { polario } from "./polarioVendor"
import { sftpgo } from "./sftpgoVendor"

/** A demo account as one vendor's sign-in form wants it. */
export interface DemoAccount {
  /** Who: a demo person, or someone only one vendor knows (an admin). */
  readonly person: Pick<DemoPerson, "username" | "displayName" | "password">
  /** What goes in the identifier field: a Matrix ID, an e-mail address, a user name. */
  readonly identifier: string
  /** The TOTP secret where this vendor asks for a second factor. */
  readonly totpSecret?: string | undefined
  /** What happens when this account signs in, when it is not simply "signed in". */
  readonly note?: string | undefined
  /** Live details under the account beyond a TOTP code (a text message, a key's strings). */
  readonly renderDetails?: ((context: AccountContext) => ReactNode) | undefined
  /** What "Fill in" types into a second step asking for a code of `kind`, when no TOTP secret answers it. */
  readonly codeFor?: ((kind: string) => Promise<string | undefined>) | undefined
}

/** What an account's details may use: the form they type into, and whether it takes typing now. */
export interface AccountContext {
  readonly formArea: RefObject<HTMLElement | null>
  readonly canFill: boolean
}

/** A server the settings offer with one click beside the built-in emulator (another host of it, say). */
export interface ServerPreset {
  readonly label: string
  /** What choosing it shows. */
  readonly description: string
  /** Its address, as seen from the page at `origin`. */
  url(origin: URL): string
}

/** The client options every vendor shares (storage, inspector, SSO callback). */
export type SharedClientOptions = Omit<AuthClientOptions<unknown>, "adapter">

/** A client for one vendor at one server, and what the session panel needs from it. */
export interface VendorConnection {
  readonly client: AuthClient
  /** The address of a protected whoami call for the signed-in session. */
  protectedCallUrl(): string | undefined
  /** Vendor-specific tools shown beside the session panel. */
  renderSignedInExtras?: (() => ReactNode) | undefined
}

/** One of the ways to use a vendor that need a client of their own (SFTPGo's user and admin realms). */
export interface VendorVariant {
  readonly id: string
  readonly label: string
  /** One line under the switch: what this variant signs in to. */
  readonly description: string
  readonly protectedCallLabel: string
  readonly accounts: readonly DemoAccount[]
  readonly tips: readonly string[]
}

/** Everything the demo knows about one vendor: its tab, adapter, emulator mount and people. */
export interface VendorEntry {
  readonly id: string
  readonly name: string
  readonly summary: string
  /** Where the dev and preview servers mount its emulator (`demoEmulators.ts`). */
  readonly emulatorPath: string
  /** What the settings' server field expects. */
  readonly serverPlaceholder: string
  /** Servers the settings offer with one click; each counts as the built-in emulator. */
  readonly serverPresets?: readonly ServerPreset[] | undefined
  readonly protectedCallLabel: string
  /** Why the protected call is what it is, when that needs saying. */
  readonly protectedCallNote?: string | undefined
  readonly accounts: readonly DemoAccount[]
  /** What is worth trying on this vendor's tab. */
  readonly tips: readonly string[]
  /** Variants with a client each, the first one the default; the tab shows a switch between them. */
  readonly variants?:
    | { readonly legend: string; readonly choices: readonly VendorVariant[] }
    | undefined
  /** A client for the server; `variant` is the chosen variant's id where the vendor has variants. */
  connect(serverUrl: string, shared: SharedClientOptions, variant?: string): VendorConnection
}

function clientOf<Credentials>(
  adapter: AuthAdapter<Credentials>,
  shared: SharedClientOptions,
): AuthClient<Credentials> {
  return createAuthClient({ ...shared, adapter })
}

const matrix: VendorEntry = {
  id: "matrix",
  name: "Matrix",
  summary:
    "Client-server API v1.13: password and single sign-on, rotating refresh tokens, soft logout, login tokens for another device.",
  emulatorPath: "/emulators/matrix",
  serverPlaceholder: "https://matrix.example.org or example.org",
  protectedCallLabel: "GET /account/whoami",
  accounts: [
    { person: alice, identifier: alice.matrixUserId },
    { person: bob, identifier: bob.matrixUserId },
    {
      person: matrixCarol,
      identifier: matrixCarol.matrixUserId,
      note: "Deactivated: the right password is refused.",
    },
  ],
  tips: [
    "Continue with GitHub: the emulator's stand-in identity provider asks who signs in, then sends you back.",
    "Sign in as Carol: her account is deactivated, so the right password is refused.",
    "Settings → 15 seconds: watch the refresh in the timeline; tick “no refresh tokens” to be asked for the password again instead.",
    "Signed in, open this tab twice: signing out in one signs the other out.",
  ],
  connect(serverUrl, shared) {
    const client = clientOf(matrixAdapter({ homeserver: serverUrl }), shared)
    return {
      client,
      protectedCallUrl: () => {
        const homeserver = client.getSnapshot().session?.credentials.homeserver
        return homeserver && `${homeserver}/_matrix/client/v3/account/whoami`
      },
      renderSignedInExtras: () => <LoginTokenPanel client={client} />,
    }
  },
}

const cloudreveNotes: Readonly<Record<string, string>> = {
  manual_banned: "Blocked by an administrator.",
  inactive: "Never activated the account.",
}

const cloudreve: VendorEntry = {
  id: "cloudreve",
  name: "Cloudreve",
  summary:
    "Cloudreve v4: e-mail and password, a TOTP second step, refreshable JWTs, and errors that all arrive as HTTP 200.",
  emulatorPath: "/emulators/cloudreve",
  serverPlaceholder: "https://cloud.example.com",
  protectedCallLabel: "GET /api/v4/user/me",
  accounts: cloudrevePeople.map((person) => {
    const status = cloudreveStatuses[person.email]
    return {
      person,
      identifier: person.email,
      totpSecret: person.totpSecret,
      note: status === undefined ? undefined : cloudreveNotes[status],
    }
  }),
  tips: [
    "Sign in as Bob: a second step asks for his TOTP code — fill it in here, or scan the QR code with a phone.",
    "A wrong password gets HTTP 200 with an error code: the timeline shows the 200, the form shows the error.",
    "Settings → 15 seconds: refresh happens 3 s before expiry, through one request however many tabs are open.",
  ],
  connect(serverUrl, shared) {
    const client = clientOf(cloudreveAdapter({ baseUrl: serverUrl }), shared)
    return {
      client,
      protectedCallUrl: () => `${serverUrl.replace(/\/+$/, "")}/api/v4/user/me`,
    }
  },
}

/** The vendors the demo shows, in tab order: a new vendor is one more entry here. */
export const vendors: readonly VendorEntry[] = [matrix, cloudreve, polario, filescom, sftpgo]

/** The vendor a tab's path names. */
export function vendorById(id: string): VendorEntry | undefined {
  return vendors.find((vendor) => vendor.id === id)
}

/**
 * The vendor as one of its variants shows it (its accounts, tips and protected call), and that variant; the
 * first variant when `chosen` names none of them.
 */
export function withVariant(
  vendor: VendorEntry,
  chosen: string | undefined,
): { readonly shown: VendorEntry; readonly variant: VendorVariant | undefined } {
  const choices = vendor.variants?.choices ?? []
  const variant = choices.find((choice) => choice.id === chosen) ?? choices[0]
  if (variant === undefined) return { shown: vendor, variant }
  const { accounts, tips, protectedCallLabel } = variant
  return { shown: { ...vendor, accounts, tips, protectedCallLabel }, variant }
}
