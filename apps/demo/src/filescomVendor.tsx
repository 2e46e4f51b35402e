import { type AuthAdapter, createAuthClient } from "@latchkey/core"
import {
  type FilescomAdapterOptions,
  type FilescomCredentials,
  filescomAdapter,
} from "@latchkey/core/filescom"
import {
  alice,
  bob,
  type DemoPerson,
  lou,
  mona,
  nina,
  otto,
  sam,
  tess,
  uma,
  yuki,
  yukiYubikeyOtps,
} from "@latchkey/emulators"
import { fetchLifetimes } from "./lifetimesApi"
import { SessionHost } from "./SessionHost"
import { fetchTextMessage, TextMessageCode } from "./TextMessageCode"
import type { DemoAccount, ServerPreset, VendorEntry } from "./vendors"
import { createDemoKey, YubikeyStrings } from "./YubikeyStrings"

const emulatorPath = "/emulators/filescom"

/** Fill-in's code for a second step asking for a text message's code. */
const textMessageFor = (username: string) => async (kind: string) =>
  kind === "sms" ? (await fetchTextMessage(username).catch(() => undefined))?.code : undefined

const yukisKey = createDemoKey(yukiYubikeyOtps)

const account = (person: DemoPerson, extra: Omit<DemoAccount, "person" | "identifier"> = {}) => ({
  person,
  identifier: person.username,
  ...extra,
})

const accounts: readonly DemoAccount[] = [
  account(alice),
  account(bob, { totpSecret: bob.totpSecret, note: "An authenticator app on the second step." }),
  account(sam, {
    note: "A text message with a code at every sign-in.",
    renderDetails: (context) => <TextMessageCode username={sam.username} context={context} />,
    codeFor: textMessageFor(sam.username),
  }),
  account(yuki, {
    note: "A YubiKey: each of its strings works once.",
    renderDetails: (context) => <YubikeyStrings demoKey={yukisKey} context={context} />,
    codeFor: async (kind) => (kind === "yubikey" ? yukisKey.touch() : undefined),
  }),
  account(tess, {
    totpSecret: tess.totpSecret,
    note: "An authenticator app or a text message: she chooses.",
    renderDetails: (context) => <TextMessageCode username={tess.username} context={context} />,
    codeFor: textMessageFor(tess.username),
  }),
  account(uma, { note: "A U2F security key only, which this sign-in cannot use." }),
  account(lou, { note: "Locked out: even the right password is refused." }),
  account(mona, { note: "Must change the password on the site first." }),
  account(nina, { note: "Must set up two-step verification on the site first." }),
  account(otto, { note: "Missed the time to set up two-step verification." }),
]

/** The emulator's host that answers every call with a region mismatch, and sends the client to its region. */
const regionMismatch: ServerPreset = {
  label: "Use the region mismatch host",
  description:
    "files.localhost answers every sign-in with a region mismatch naming eu.files.localhost; the client retries there once and keeps that host for the session.",
  url: (origin) =>
    `${origin.protocol}//files.localhost${origin.port ? `:${origin.port}` : ""}${emulatorPath}`,
}

/**
 * Files.com does not say how long a session lasts: an app configures `sessionLifetimeMs` for its site. The demo asks
 * its emulators, whose lifetimes the settings change, at every sign-in.
 */
function withEmulatorLifetime(options: FilescomAdapterOptions): AuthAdapter<FilescomCredentials> {
  const base = filescomAdapter(options)
  return {
    ...base,
    async signIn(ctx, input, previous) {
      const lifetimes = await fetchLifetimes().catch(() => undefined)
      const sessionLifetimeMs = lifetimes?.accessTokenTtlMs ?? undefined
      return filescomAdapter({ ...options, sessionLifetimeMs }).signIn(ctx, input, previous)
    },
  }
}

/** The Files.com tab: REST API v1 sessions, every second-factor method, the region retry, no refresh. */
export const filescom: VendorEntry = {
  id: "filescom",
  name: "Files.com",
  summary:
    "REST API v1 sessions: a second step by app, text message or YubiKey, a retry on the site's region, and no refresh — the password again when a session ends.",
  emulatorPath,
  serverPlaceholder: "https://acme.files.com",
  serverPresets: [regionMismatch],
  protectedCallLabel: "GET /api/rest/v1/folders/",
  accounts,
  tips: [
    "Sign in as Tess: pick the authenticator app or the text message — the arrow keys move between them.",
    "Sign in as Sam: the emulator “texts” a code, shown in his card; a new one can be sent after 30 s.",
    "Sign in as Yuki, then touch the key in her card: it types a one-time string and presses Enter.",
    "Sign in as Uma, Lou, Mona, Nina or Otto: each refusal says what to do next.",
    "Settings → Files.com server → “Use the region mismatch host”: the first answer names the region's host, and the sign-in goes there once.",
    "Settings → 15 seconds: there is no refresh, so 3 s before the session ends the form asks for the password again, the user name kept.",
  ],
  connect(serverUrl, shared) {
    const options = { baseUrl: serverUrl }
    const isServedHere = new URL(serverUrl).pathname.replace(/\/+$/, "") === emulatorPath
    const client = createAuthClient({
      ...shared,
      adapter: isServedHere ? withEmulatorLifetime(options) : filescomAdapter(options),
    })
    return {
      client,
      protectedCallUrl: () => {
        const baseUrl = client.getSnapshot().session?.credentials.baseUrl
        return baseUrl && `${baseUrl}/api/rest/v1/folders/`
      },
      renderSignedInExtras: () => <SessionHost client={client} serverUrl={serverUrl} />,
    }
  },
}
