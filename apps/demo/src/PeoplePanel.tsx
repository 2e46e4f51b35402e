import { generateTotp } from "@latchkey/emulators"
import { type RefObject, useState } from "react"
import { Avatar } from "./Avatar"
import { fillSignInForm } from "./fillSignInForm"
import { TotpCode } from "./TotpCode"
import type { DemoAccount, VendorEntry } from "./vendors"

/** The code each secret's "fill in" typed last: a server takes a code only once. */
const lastFilled = new Map<string, string>()

/**
 * The code an authenticator shows now or, when "fill in" typed that one already (signing in again within 30 s),
 * the next step's, which the server takes too: a person would wait for it.
 */
function unusedCode(secret: string, now: number): string {
  const current = generateTotp(secret, now)
  const code = lastFilled.get(secret) === current ? generateTotp(secret, now + 30_000) : current
  lastFilled.set(secret, code)
  return code
}

/** The emulator's demo people, with a "fill in" action and, where the vendor asks for one, the live TOTP code. */
export function PeoplePanel({
  vendor,
  formArea,
  canFill,
  isCodeInline = false,
  isEmulator,
}: {
  vendor: VendorEntry
  /** Where the sign-in form is shown. */
  formArea: RefObject<HTMLElement | null>
  canFill: boolean
  /** Whether the code goes in the sign-in form with the password, not in a second step. */
  isCodeInline?: boolean | undefined
  /** Whether the tab talks to the built-in emulator, which knows these people (a real server does not). */
  isEmulator: boolean
}) {
  const [notice, setNotice] = useState("")
  const fill = async (account: DemoAccount) => {
    // A second step says which code it wants; a TOTP code answers any other code field.
    const kind = formArea.current?.querySelector("[data-kind]")?.getAttribute("data-kind")
    const code =
      kind && kind !== "totp"
        ? await account.codeFor?.(kind)
        : account.totpSecret && unusedCode(account.totpSecret, Date.now())
    const area = formArea.current
    const filled =
      area !== null &&
      fillSignInForm(area, {
        username: account.identifier,
        password: account.person.password,
        code,
      })
    // Never silently nothing: say why (the server is unreachable, so the form has no fields yet).
    setNotice(filled ? "" : "No sign-in form to fill in yet: the server has not answered.")
  }
  const hasCodes = vendor.accounts.some(
    (account) => account.totpSecret !== undefined || account.codeFor !== undefined,
  )
  return (
    <section className="card people" aria-labelledby="people-heading">
      <h2 id="people-heading">Demo accounts</h2>
      <p className="muted">
        {isEmulator
          ? `The ${vendor.name} emulator knows these people. `
          : `These people live in the built-in emulator, not on the real server this tab talks to: switch back in Settings to sign in as them. `}
        <b>Fill in</b> types an account into the form showing
        {hasCodes
          ? isCodeInline
            ? ", with its current code where it has one"
            : ", or its current code on the second step"
          : ""}
        .
      </p>
      <p className={notice ? "notice small" : "visually-hidden"} role="status">
        {notice}
      </p>
      <ul className="accounts">
        {vendor.accounts.map((account) => (
          <li key={account.identifier} className="account" data-account={account.person.username}>
            <div className="account-head">
              <Avatar name={account.person.displayName} />
              <div className="account-who">
                <p className="account-name">{account.person.displayName}</p>
                <p className="account-id">{account.identifier}</p>
              </div>
              <button
                type="button"
                className="button small"
                disabled={!canFill}
                onClick={() => void fill(account)}
              >
                Fill in<span className="visually-hidden"> {account.person.displayName}</span>
              </button>
            </div>
            <p className="account-secret">
              <span className="muted">Password</span> <code>{account.person.password}</code>
            </p>
            {account.note ? <p className="account-note">{account.note}</p> : null}
            {account.totpSecret ? (
              <TotpCode
                secret={account.totpSecret}
                account={account.identifier}
                issuer={`Latchkey demo (${vendor.name})`}
              />
            ) : null}
            {account.renderDetails?.({ formArea, canFill })}
          </li>
        ))}
      </ul>
    </section>
  )
}
