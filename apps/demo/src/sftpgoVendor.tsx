import { createAuthClient } from "@latchkey/core"
import { sftpgoAdapter } from "@latchkey/core/sftpgo"
import { alice, bob, erin, sftpgoAdmin, sftpgoTotpAdmin, zoe } from "@latchkey/emulators"
import type { DemoAccount, VendorEntry, VendorVariant } from "./vendors"

/** The realms of SFTPGo's REST API: each has its own token endpoint, accounts and tokens. */
type SftpgoRealm = "user" | "admin"

const users: VendorVariant = {
  id: "user",
  label: "Users",
  description: "Users get their tokens from GET /api/v2/user/token.",
  protectedCallLabel: "GET /api/v2/user/profile",
  accounts: [
    { person: alice, identifier: alice.username },
    { person: bob, identifier: bob.username, totpSecret: bob.totpSecret },
    { person: zoe, identifier: zoe.username },
    {
      person: erin,
      identifier: erin.username,
      note: "A filter denies her HTTP: the right password is refused, with the server's reason.",
    },
  ],
  tips: [
    "Sign in as Bob with the password only: SFTPGo answers a missing code like a wrong password, so the form says it may be either and waits in the code field.",
    "Settings → 15 seconds: there is no refresh here. 3 s before the token expires, the form asks for the password (and a new code for Bob: each code works once) again.",
    "Sign in as Zoë: accents, a colon, Chinese and an emoji in her password travel as UTF-8 bytes (btoa would throw on them).",
    "Sign in as Erin: her right password is refused by a filter, and the form shows the server's reason.",
    "Six failed sign-ins within five minutes: the defender blocks your address for two minutes, on every request. Restarting the emulators in Settings lifts the ban.",
    "More than ten sign-ins a minute from one address are rate limited: the form counts down.",
  ],
}

const admins: VendorVariant = {
  id: "admin",
  label: "Admins",
  description: "Admins get their tokens from GET /api/v2/token.",
  protectedCallLabel: "GET /api/v2/admin/profile",
  accounts: [
    { person: { ...sftpgoAdmin, displayName: "Admin" }, identifier: sftpgoAdmin.username },
    {
      person: { ...sftpgoTotpAdmin, displayName: "Security Admin" },
      identifier: sftpgoTotpAdmin.username,
      totpSecret: sftpgoTotpAdmin.totpSecret,
    },
  ] satisfies readonly DemoAccount[],
  tips: [
    "Admin and user tokens are apart: each realm has its own session here, and an admin token is refused on user endpoints.",
    "Sign in as secadmin with the password only: the same ambiguous answer as for Bob, then one more request with the code.",
    "Sign in as Alice here: users are not admins, so the admin realm refuses her.",
  ],
}

function isRealm(value: string | undefined): value is SftpgoRealm {
  return value === "user" || value === "admin"
}

/** SFTPGo's tab: a realm switch, users or admins, the optional inline code, re-authentication before expiry. */
export const sftpgo: VendorEntry = {
  id: "sftpgo",
  name: "SFTPGo",
  summary:
    "REST API v2: user and admin realms, HTTP Basic in UTF-8, the one-time code sent with the password, and no refresh: the password again before the token expires.",
  emulatorPath: "/emulators/sftpgo",
  serverPlaceholder: "https://sftpgo.example.com",
  protectedCallLabel: users.protectedCallLabel,
  accounts: users.accounts,
  tips: users.tips,
  variants: { legend: "Realm", choices: [users, admins] },
  connect(serverUrl, shared, variant) {
    const realm: SftpgoRealm = isRealm(variant) ? variant : "user"
    const client = createAuthClient({
      ...shared,
      adapter: sftpgoAdapter({ baseUrl: serverUrl, realm }),
    })
    const base = serverUrl.replace(/\/+$/, "")
    return {
      client,
      protectedCallUrl: () => `${base}/api/v2/${realm === "admin" ? "admin" : "user"}/profile`,
    }
  },
}
