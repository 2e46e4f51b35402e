import type { AuthEvent, SessionSummary } from "@latchkey/core"
import { useSyncExternalStore } from "react"
import type { EventLog } from "./eventLog"
import { formatTime } from "./formatDuration"

/** A state change in words: status, who, until when, and any error code. Credentials are not in a summary. */
function describeState(summary: SessionSummary): string {
  const parts: string[] = [summary.status]
  if (summary.user) parts.push(summary.user.displayName ?? summary.user.id)
  if (summary.expiresAt !== undefined && summary.expiresAt !== null)
    parts.push(`token until ${formatTime(summary.expiresAt).slice(0, 8)}`)
  if (summary.isRefreshing) parts.push("refreshing")
  if (summary.error) parts.push(`error: ${summary.error.code}`)
  return parts.join(" · ")
}

/** The address as the engine reported it (query values already masked), shortened to the path on this origin. */
function shortUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return parsed.origin === window.location.origin
      ? `${parsed.pathname}${parsed.search}`
      : parsed.href
  } catch {
    return url
  }
}

function EventRow({ event }: { event: AuthEvent }) {
  switch (event.type) {
    case "state":
      return (
        <>
          <span className="tag tag-state">state</span>
          <span className="event-text" data-status={event.summary.status}>
            {describeState(event.summary)}
          </span>
        </>
      )
    case "request": {
      const isOk = event.status !== undefined && event.status < 400
      return (
        <>
          <span className="tag tag-request">{event.method}</span>
          <span className="event-text">
            <span className="event-url">{shortUrl(event.url)}</span>{" "}
            <span className={isOk ? "status-ok" : "status-bad"}>
              {event.status ?? event.error?.code ?? "no answer"}
            </span>{" "}
            <span className="muted">{Math.round(event.durationMs)} ms</span>
          </span>
        </>
      )
    }
    case "flow":
      return (
        <>
          <span className="tag tag-state">flow</span>
          <span className="event-text">
            {event.error ? `${event.step} · error: ${event.error.code}` : event.step}
          </span>
        </>
      )
    case "storageFallback":
      return (
        <>
          <span className="tag tag-state">storage</span>
          <span className="event-text">Storage failed; the session is kept in memory.</span>
        </>
      )
    default:
      return event satisfies never
  }
}

/**
 * The client's timeline from its `inspect` option: state transitions and the requests behind them, newest
 * first. The engine leaves credentials out and masks query values; this panel shows nothing else.
 */
export function DevtoolsPanel({ log }: { log: EventLog }) {
  const entries = useSyncExternalStore(log.subscribe, log.entries, log.entries)
  const requests = entries.filter((entry) => entry.event.type === "request")
  return (
    <section className="card devtools" aria-labelledby="devtools-heading">
      <div className="section-head">
        <div>
          <h2 id="devtools-heading">Timeline</h2>
          <p className="muted small">
            State changes and requests from the client's <code>inspect</code> option, newest first.
            Tokens never appear; query values are masked.
          </p>
        </div>
        <div className="devtools-meta">
          <span className="muted small" data-request-count={requests.length}>
            {requests.length === 1 ? "1 request" : `${requests.length} requests`}
          </span>
          <button
            type="button"
            className="button secondary small"
            onClick={log.clear}
            disabled={entries.length === 0}
          >
            Clear
          </button>
        </div>
      </div>
      {entries.length === 0 ? (
        <p className="muted small empty">Nothing yet: sign in to watch the client work.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard.
        <ol className="timeline" tabIndex={0} aria-label="Client events, newest first">
          {[...entries].reverse().map(({ id, event }) => (
            <li key={id} className={`event event-${event.type}`}>
              <time className="event-time" dateTime={new Date(event.at).toISOString()}>
                {formatTime(event.at)}
              </time>
              <EventRow event={event} />
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
