import { generateTotp } from "@latchkey/emulators"
import { QrCode } from "./QrCode"
import { useNow } from "./useNow"

const periodMs = 30_000

/** The `otpauth://` address an authenticator app enrols from. */
function otpauthUri(secret: string, account: string, issuer: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`)
  const query = new URLSearchParams({
    secret,
    issuer,
    algorithm: "SHA1",
    digits: "6",
    period: "30",
  })
  return `otpauth://totp/${label}?${query}`
}

/** A demo account's current TOTP code, its remaining time, and the secret as a QR code for a phone. */
export function TotpCode({
  secret,
  account,
  issuer,
}: {
  secret: string
  account: string
  issuer: string
}) {
  const now = useNow(1000)
  const code = generateTotp(secret, now)
  const remainingMs = periodMs - (now % periodMs)
  const seconds = Math.ceil(remainingMs / 1000)
  return (
    <div className="totp">
      <div className="totp-row">
        <span className="totp-label">Code now</span>
        <span className="totp-code" data-code={code}>
          {code.slice(0, 3)}
          <span className="totp-gap" aria-hidden="true" />
          {code.slice(3)}
        </span>
        <span className="totp-remaining">{seconds} s left</span>
      </div>
      <div className="totp-bar" aria-hidden="true">
        <span className="totp-bar-fill" style={{ width: `${(remainingMs / periodMs) * 100}%` }} />
      </div>
      <details className="totp-qr">
        <summary>Use a phone authenticator</summary>
        <QrCode
          value={otpauthUri(secret, account, issuer)}
          label={`QR code of the TOTP secret for ${account}`}
        />
        <p className="muted small">
          Or enter the secret by hand: <code>{secret}</code>
        </p>
      </details>
    </div>
  )
}
