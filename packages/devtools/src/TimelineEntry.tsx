import type { AuthEvent, SessionSummary } from "@latchkey/core"
import { ErrorDetails } from "./ErrorDetails"
import { formatTime, pathOf } from "./formatting"

/** A state change in a line: status, who, until when, refreshing. Credentials are not in a summary. */
function describeState(summary: SessionSummary): string {
  const parts: string[] = [summary.status]
  if (summary.user) parts.push(summary.user.displayName ?? summary.user.id)
  if (typeof summary.expiresAt === "number") parts.push(`until ${formatTime(summary.expiresAt)}`)
  if (summary.isRefreshing) parts.push("refreshing")
  return parts.join(" · ")
}

function EventContent({ event }: { event: AuthEvent }) {
  switch (event.type) {
    case "state":
      return (
        <>
          <span className="lkd-tag">state</span>
          <span className="lkd-text">
            {describeState(event.summary)}
            {event.summary.error ? (
              <>
                {" · "}
                <ErrorDetails error={event.summary.error} />
              </>
            ) : null}
          </span>
        </>
      )
    case "flow":
      return (
        <>
          <span className="lkd-tag">flow</span>
          <span className="lkd-text">
            {event.step}
            {event.error ? (
              <>
                {" · "}
                <ErrorDetails error={event.error} />
              </>
            ) : null}
          </span>
        </>
      )
    case "request": {
      const isOk = event.status !== undefined && event.status < 400
      return (
        <>
          <span className="lkd-tag">{event.method}</span>
          <span className="lkd-text">
            <span className="lkd-path" title={event.url}>
              {pathOf(event.url)}
            </span>{" "}
            {event.status !== undefined ? (
              <span className={isOk ? "lkd-ok" : "lkd-bad"}>{event.status}</span>
            ) : event.error ? (
              <ErrorDetails error={event.error} />
            ) : null}{" "}
            <span className="lkd-muted">{Math.round(event.durationMs)} ms</span>
          </span>
        </>
      )
    }
    case "storageFallback":
      return (
        <>
          <span className="lkd-tag">storage</span>
          <span className="lkd-text">The storage failed: the session is kept in memory.</span>
        </>
      )
    default:
      return event satisfies never
  }
}

/** One line of the timeline: when, what kind, and what happened. */
export function TimelineEntry({ event }: { event: AuthEvent }) {
  return (
    <li className="lkd-event">
      <time className="lkd-time" dateTime={new Date(event.at).toISOString()}>
        {formatTime(event.at)}
      </time>
      <EventContent event={event} />
    </li>
  )
}
