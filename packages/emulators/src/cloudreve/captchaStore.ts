import type { Clock } from "../clock"
import type { RandomBytes } from "../randomBytes"
import { randomToken } from "../tokens"
import { drawCaptchaImage } from "./captchaImage"

/** An image captcha as `GET /site/captcha` hands it out. */
export interface IssuedCaptcha {
  readonly image: string
  readonly ticket: string
}

/** Image captchas by ticket; each ticket can be checked once, right or wrong. */
export interface CaptchaStore {
  issue(): IssuedCaptcha
  /** Whether `answer` solves the captcha named `ticket`; the ticket is used up either way. */
  check(ticket: string, answer: string): boolean
  /** The answer of a ticket not yet used, for tests and the demo's devtools (the image is for people). */
  answerOf(ticket: string): string | undefined
}

/** How long an unanswered captcha stays valid. */
const captchaLifetimeMs = 10 * 60 * 1000
/** Unanswered captchas kept at most, so a client that only fetches images cannot grow the store. */
const maxPending = 1_000
const answerLength = 5

/**
 * Creates a store of single-use image captchas drawn by `drawCaptchaImage`.
 *
 * @example
 * const captchas = createCaptchaStore({ clock, random })
 * const { image, ticket } = captchas.issue()
 */
export function createCaptchaStore(options: {
  readonly clock: Clock
  readonly random: RandomBytes
}): CaptchaStore {
  const { clock, random } = options
  const pending = new Map<string, { readonly answer: string; readonly expiresAt: number }>()
  const live = (ticket: string) => {
    const entry = pending.get(ticket)
    if (entry === undefined) return undefined
    if (entry.expiresAt > clock.now()) return entry
    pending.delete(ticket)
    return undefined
  }
  return {
    issue() {
      const answer = [...random(answerLength)].map((byte) => String(byte % 10)).join("")
      const ticket = randomToken({ bytes: 16, random })
      for (const oldest of pending.keys()) {
        if (pending.size < maxPending) break
        pending.delete(oldest)
      }
      pending.set(ticket, { answer, expiresAt: clock.now() + captchaLifetimeMs })
      return { image: drawCaptchaImage(answer, random), ticket }
    },
    check(ticket, answer) {
      const entry = live(ticket)
      pending.delete(ticket)
      return entry !== undefined && entry.answer === answer.trim()
    },
    answerOf: (ticket) => live(ticket)?.answer,
  }
}
