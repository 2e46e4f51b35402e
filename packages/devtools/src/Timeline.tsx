import { useId } from "react"
import type { LoggedEvent } from "./clientRecord"
import { TimelineEntry } from "./TimelineEntry"

/**
 * The client's events, newest first: state changes, sign-in steps and requests with status and duration — exactly
 * what the engine reports, credentials left out and query values masked.
 */
export function Timeline({ events, onClear }: { events: readonly LoggedEvent[]; onClear(): void }) {
  const headingId = useId()
  const requests = events.filter(({ event }) => event.type === "request").length
  return (
    <section className="lkd-section" aria-labelledby={headingId}>
      <div className="lkd-section-head">
        <h3 id={headingId} className="lkd-subheading">
          Timeline
        </h3>
        <span className="lkd-muted">{requests === 1 ? "1 request" : `${requests} requests`}</span>
        <button
          type="button"
          className="lkd-button lkd-small"
          onClick={onClear}
          disabled={events.length === 0}
        >
          Clear
        </button>
      </div>
      {events.length === 0 ? (
        <p className="lkd-muted lkd-empty">Nothing yet: sign in to watch the client work.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard.
        <ol className="lkd-timeline" tabIndex={0} aria-label="Events, newest first">
          {[...events].reverse().map(({ id, event }) => (
            <TimelineEntry key={id} event={event} />
          ))}
        </ol>
      )}
    </section>
  )
}
