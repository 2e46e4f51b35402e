import { useEffect, useState } from "react"
import { useNow } from "./useNow"
import type { AccountContext } from "./vendors"

/** A text message the emulator "sent", as its control route tells it. */
interface TextMessage {
  readonly code: string
  readonly sentAt: number
}

/** Where the Files.com emulator tells a user's last text message: the demo's stand-in for their phone. */
function phoneUrl(username: string): string {
  return `/emulators/filescom/_emulator/sms/${encodeURIComponent(username)}`
}

/** The code of the last text message sent to `username` while it can be used, else `undefined`. */
export async function fetchTextMessage(username: string): Promise<TextMessage | undefined> {
  const response = await fetch(phoneUrl(username), { cache: "no-store" })
  if (!response.ok) return undefined
  const body: unknown = await response.json()
  if (typeof body !== "object" || body === null) return undefined
  const { code, sent_at: sentAt } = body as Record<string, unknown>
  if (typeof code !== "string" || typeof sentAt !== "string") return undefined
  return { code, sentAt: Date.parse(sentAt) }
}

/** How often the phone looks for a new message: a sign-in shows its code within this. */
const pollMs = 1500

/**
 * The last text message's code, like a phone's lock screen. It is looked up in the emulator while a second step is
 * showing (for someone else's step, once: nothing was sent to this person).
 */
export function TextMessageCode({
  username,
  context,
}: {
  username: string
  context: AccountContext
}) {
  const [message, setMessage] = useState<TextMessage | undefined>(undefined)
  const now = useNow(1000)
  const { formArea } = context
  useEffect(() => {
    let isShown = true
    let hasNone = false
    const look = () => {
      const isAsked = formArea.current?.querySelector('[data-latchkey="second-factor"]') != null
      if (!isAsked) hasNone = false
      if (!isAsked || hasNone) return
      void fetchTextMessage(username)
        .catch(() => undefined)
        .then((next) => {
          hasNone = next === undefined
          if (isShown && next !== undefined) setMessage(next)
        })
    }
    look()
    const timer = window.setInterval(look, pollMs)
    return () => {
      isShown = false
      window.clearInterval(timer)
    }
  }, [username, formArea])
  const ago = message ? Math.max(0, Math.round((now - message.sentAt) / 1000)) : 0
  return (
    <div className="totp" data-sms={message?.code ?? ""}>
      <div className="totp-row">
        <span className="totp-label">Text message</span>
        {message ? (
          <>
            <span className="totp-code">
              {message.code.slice(0, 3)}
              <span className="totp-gap" aria-hidden="true" />
              {message.code.slice(3)}
            </span>
            <span className="totp-remaining">sent {ago} s ago</span>
          </>
        ) : (
          <span className="totp-remaining">None yet: signing in sends one.</span>
        )}
      </div>
    </div>
  )
}
