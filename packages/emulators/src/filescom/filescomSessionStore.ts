import type { Clock } from "../clock"
import type { RandomBytes } from "../randomBytes"

/** How long the partial session of a sign-in waiting for its second factor lives. */
export const partialSessionLifetimeMs = 10 * 60_000

/** Sessions and partial sessions (a right password waiting for its second factor), by id. */
export interface FilescomSessionStore {
  /** Creates a session for a user; it ends `lifetimeMs` later. */
  open(username: string): string
  /** The user of a live session. */
  userOf(sessionId: string): string | undefined
  close(sessionId: string): boolean
  /** How many live sessions a user has. */
  count(username: string): number
  openPartial(username: string): string
  /** The user of a live partial session (a wrong code does not end it). */
  partialUserOf(partialSessionId: string): string | undefined
  closePartial(partialSessionId: string): void
}

/**
 * Creates the store; ids are 40 hex characters, like the server's, and every lifetime runs on the injected clock.
 *
 * @example
 * const sessions = createFilescomSessionStore({ clock, random, lifetimeMs: 6 * 60 * 60 * 1000 })
 */
export function createFilescomSessionStore(options: {
  readonly clock: Clock
  readonly random: RandomBytes
  readonly lifetimeMs: number
}): FilescomSessionStore {
  const { clock, random, lifetimeMs } = options
  type Entry = { readonly username: string; readonly expiresAt: number }
  const sessions = new Map<string, Entry>()
  const partials = new Map<string, Entry>()

  const newId = () => [...random(20)].map((byte) => byte.toString(16).padStart(2, "0")).join("")
  const live = (entries: Map<string, Entry>, id: string) => {
    const entry = entries.get(id)
    if (entry === undefined) return undefined
    if (entry.expiresAt > clock.now()) return entry.username
    entries.delete(id)
    return undefined
  }
  const open = (entries: Map<string, Entry>, username: string, ttlMs: number) => {
    const now = clock.now()
    for (const [id, entry] of entries) if (entry.expiresAt <= now) entries.delete(id)
    const id = newId()
    entries.set(id, { username, expiresAt: now + ttlMs })
    return id
  }

  return {
    open: (username) => open(sessions, username, lifetimeMs),
    userOf: (sessionId) => live(sessions, sessionId),
    close: (sessionId) => live(sessions, sessionId) !== undefined && sessions.delete(sessionId),
    count: (username) =>
      [...sessions.keys()].filter((id) => live(sessions, id) === username).length,
    openPartial: (username) => open(partials, username, partialSessionLifetimeMs),
    partialUserOf: (partialSessionId) => live(partials, partialSessionId),
    closePartial(partialSessionId) {
      partials.delete(partialSessionId)
    },
  }
}
