/** A countdown as people read it: `0:42`, `4:05`, `1:02:03`. Never negative. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = String(total % 60).padStart(2, "0")
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}`
    : `${minutes}:${seconds}`
}

/** A wait in seconds with one decimal: `retryAfterMs` as a developer reads it. */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}

/** A time of day with milliseconds, in the page's time zone, for the timeline. */
export function formatTime(at: number): string {
  const date = new Date(at)
  const pad = (value: number, length = 2) => String(value).padStart(length, "0")
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}

/**
 * The path and query of an address the client reported — its query values already masked by the engine — with the
 * mask shown as `…` rather than percent-encoded.
 */
export function pathOf(url: string): string {
  if (!URL.canParse(url)) return url
  const { pathname, search } = new URL(url)
  return `${pathname}${search.replaceAll("%E2%80%A6", "…")}`
}
