import { type ReactElement, useId } from "react"
import { DevtoolsBody } from "./DevtoolsBody"
import { labelClients } from "./devtoolsClients"
import { type DevtoolsClientProps, themeAttribute } from "./devtoolsProps"
import { devtoolsStyles } from "./devtoolsStyles"

/** Props of `<LatchkeyDevtoolsPanel>`. */
export interface LatchkeyDevtoolsPanelProps extends DevtoolsClientProps {
  /** Added to the panel's classes, to place it in your layout. */
  className?: string | undefined
}

/**
 * The devtools embedded in the page, always open, where you place them (a debug page, a demo): the session live,
 * the development actions and the timeline. Renders nothing outside development; import it from
 * `@latchkey/devtools/production` to show it anywhere.
 * @example
 * <LatchkeyDevtoolsPanel clients={[matrixClient, cloudreveClient]} />
 */
export function LatchkeyDevtoolsPanel({
  client,
  clients,
  theme,
  className,
}: LatchkeyDevtoolsPanelProps): ReactElement {
  const headingId = useId()
  return (
    <section
      className={`lkd lkd-panel${className ? ` ${className}` : ""}`}
      data-theme={themeAttribute(theme)}
      data-latchkey-devtools="embedded"
      aria-labelledby={headingId}
    >
      <style>{devtoolsStyles}</style>
      <div className="lkd-head">
        <h2 id={headingId} className="lkd-heading">
          Latchkey devtools
        </h2>
      </div>
      <DevtoolsBody clients={labelClients(client, clients)} />
    </section>
  )
}
