import type { Clock } from "../clock"
import type { RandomBytes } from "../randomBytes"

/** A text message's code works this long. */
export const smsCodeLifetimeMs = 10 * 60_000

/** A new text message is sent at most this often; a sign-in in between keeps the last code. */
export const smsResendIntervalMs = 30_000

/** A text message the emulator "sent": what a phone would show. */
export interface SentSms {
  readonly username: string
  readonly code: string
  readonly sentAt: number
}

/** The stand-in for a text message gateway: one current code per user. */
export interface SmsOutbox {
  /** Texts a new six-digit code, unless the last one is younger than `smsResendIntervalMs`. */
  send(username: string): SentSms
  /** The last message of a user, while its code can still be used. */
  current(username: string): SentSms | undefined
  /** Uses up the current code when `code` is it. */
  take(username: string, code: string): boolean
}

/**
 * Creates the outbox; codes come from the injected randomness and expire on the injected clock.
 *
 * @example
 * const sms = createSmsOutbox({ clock, random })
 * sms.send("sam").code
 */
export function createSmsOutbox(options: {
  readonly clock: Clock
  readonly random: RandomBytes
}): SmsOutbox {
  const { clock, random } = options
  const messages = new Map<string, SentSms>()
  const current = (username: string) => {
    const message = messages.get(username)
    if (message === undefined || clock.now() >= message.sentAt + smsCodeLifetimeMs) return undefined
    return message
  }
  return {
    send(username) {
      const last = current(username)
      if (last !== undefined && clock.now() < last.sentAt + smsResendIntervalMs) return last
      const value = [...random(4)].reduce((sum, byte) => sum * 256 + byte, 0) % 1_000_000
      const message = { username, code: String(value).padStart(6, "0"), sentAt: clock.now() }
      messages.set(username, message)
      return message
    },
    current,
    take(username, code) {
      if (current(username)?.code !== code) return false
      messages.delete(username)
      return true
    },
  }
}
