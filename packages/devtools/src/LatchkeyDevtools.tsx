import {
  type KeyboardEvent,
  type ReactElement,
  useEffect,
  useId,
  useRef,
  useState,
  useSyncExternalStore,
} from "react"
import { recordOf } from "./clientRecord"
import { DevtoolsBody } from "./DevtoolsBody"
import { type LabelledClient, labelClients } from "./devtoolsClients"
import { type DevtoolsClientProps, themeAttribute } from "./devtoolsProps"
import { devtoolsStyles } from "./devtoolsStyles"

/** Which corner of the window the devtools' button and panel sit in. */
export type DevtoolsPosition = "bottom-right" | "bottom-left" | "top-right" | "top-left"

/** Props of `<LatchkeyDevtools>`. */
export interface LatchkeyDevtoolsProps extends DevtoolsClientProps {
  /** Whether the panel starts open; closed by default. */
  initialIsOpen?: boolean | undefined
  /** The corner of the window; `bottom-right` by default. */
  position?: DevtoolsPosition | undefined
}

const noSubscription = () => () => {}

/** The first client's status, for the button's dot; the panel itself subscribes only while open. */
function StatusDot({ entry }: { entry: LabelledClient | undefined }) {
  const client = entry?.client
  const status = useSyncExternalStore(
    client?.subscribe ?? noSubscription,
    () => client?.getSnapshot().status,
    () => client?.getSnapshot().status,
  )
  return <span className="lkd-dot" data-status={status} aria-hidden="true" />
}

/**
 * A floating button that opens the devtools over the page, in a corner, out of the app's layout: the session live,
 * its renewals, the sign-in step, development actions and a timeline of state changes and requests, secrets left out.
 * Escape closes it. Renders nothing outside development; import it from `@latchkey/devtools/production` to ship it.
 * @example
 * <LatchkeyDevtools client={client} />
 */
export function LatchkeyDevtools({
  client,
  clients,
  theme,
  initialIsOpen = false,
  position = "bottom-right",
}: LatchkeyDevtoolsProps): ReactElement {
  const [isOpen, setIsOpen] = useState(initialIsOpen)
  const panelId = useId()
  const headingId = useId()
  const toggle = useRef<HTMLButtonElement>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  // Focus follows what the person did: into the panel they opened, back to the button when they close it.
  const hasToggled = useRef(false)
  useEffect(() => {
    if (!hasToggled.current) return
    if (isOpen) heading.current?.focus()
    else toggle.current?.focus()
  }, [isOpen])
  const setOpen = (next: boolean) => {
    hasToggled.current = true
    setIsOpen(next)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape") return
    event.stopPropagation()
    setOpen(false)
  }
  const labelled = labelClients(client, clients)
  // Recording starts with the button, not the panel: opened later, the timeline shows what led there.
  for (const entry of labelled) recordOf(entry.client)
  const dataTheme = themeAttribute(theme)
  return (
    <>
      <style>{devtoolsStyles}</style>
      {isOpen ? (
        <section
          id={panelId}
          role="dialog"
          aria-labelledby={headingId}
          className="lkd lkd-panel lkd-floating"
          data-theme={dataTheme}
          data-position={position}
          data-latchkey-devtools="floating"
          onKeyDown={onKeyDown}
        >
          <div className="lkd-head">
            <h2 id={headingId} ref={heading} tabIndex={-1} className="lkd-heading">
              Latchkey devtools
            </h2>
            <button type="button" className="lkd-button lkd-small" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
          <DevtoolsBody clients={labelled} />
        </section>
      ) : (
        <button
          ref={toggle}
          type="button"
          className="lkd lkd-toggle"
          data-theme={dataTheme}
          data-position={position}
          aria-expanded={false}
          aria-controls={panelId}
          onClick={() => setOpen(true)}
        >
          <StatusDot entry={labelled[0]} />
          Latchkey devtools
        </button>
      )}
    </>
  )
}
