import type { SignOutResult } from "@latchkey/core"
import { LatchkeyDevtoolsPanel } from "@latchkey/devtools/production"
import { LatchkeyProvider, SignIn, SsoCallback, useSession } from "@latchkey/react"
import { useEffect, useRef, useState } from "react"
import { PeoplePanel } from "./PeoplePanel"
import { vendorPath } from "./route"
import { SessionPanel } from "./SessionPanel"
import { navigate } from "./useRoute"
import { useSettings } from "./useSettings"
import { VariantSwitch } from "./VariantSwitch"
import { connectionFor, type LiveConnection, liveConnections } from "./vendorConnections"
import { type VendorEntry, withVariant } from "./vendors"

/** A vendor's tab: its drop-in sign-in screen or session, its demo people, and the devtools. */
export function VendorScreen({ vendor, isCallback }: { vendor: VendorEntry; isCallback: boolean }) {
  const settings = useSettings()
  const { shown, variant } = withVariant(vendor, settings.variants[vendor.id])
  const connection = connectionFor(vendor, settings.servers[vendor.id], variant?.id)
  return (
    <>
      <div className="page-intro">
        <h1>{vendor.name}</h1>
        <p className="lede">{vendor.summary}</p>
        <p className="server-line small">
          <span className={connection.isEmulator ? "pill" : "pill warning"}>
            {connection.isEmulator ? "Built-in emulator" : "Real server"}
          </span>{" "}
          <code className="break">{connection.serverUrl}</code>
        </p>
        {variant ? <VariantSwitch vendor={vendor} current={variant} /> : null}
      </div>
      {/* Each variant has a client of its own: its forms and queries start afresh, under their own scope. */}
      <LatchkeyProvider
        key={variant?.id}
        client={connection.client}
        scope={variant ? `${vendor.id}:${variant.id}` : undefined}
      >
        <VendorContent vendor={shown} connection={connection} isCallback={isCallback} />
      </LatchkeyProvider>
    </>
  )
}

function VendorContent({
  vendor,
  connection,
  isCallback,
}: {
  vendor: VendorEntry
  connection: LiveConnection
  isCallback: boolean
}) {
  const status = useSession((s) => s.status)
  const formArea = useRef<HTMLDivElement>(null)
  const [followUpUrl, setFollowUpUrl] = useState<string | undefined>(undefined)
  const onSignedOut = (result: SignOutResult) => setFollowUpUrl(result.followUpUrl)
  const home = () => navigate(vendorPath(vendor.id), { replace: true })
  // Signed out (here or in another tab), the session panel that held the focus is gone: the sign-in form's
  // heading takes it rather than the page's start.
  const wasSignedIn = useRef(false)
  useEffect(() => {
    if (status === "signedOut" && wasSignedIn.current && document.activeElement === document.body)
      formArea.current?.querySelector<HTMLElement>("h2[tabindex]")?.focus()
    wasSignedIn.current = status === "signedIn"
  }, [status])

  const primary = (() => {
    if (isCallback) return <SsoCallback className="card" onSignedIn={home} onRetry={home} />
    switch (status) {
      case "initializing":
        return (
          <section className="card" aria-labelledby="restoring-heading" aria-busy="true">
            <h2 id="restoring-heading">Restoring your session…</h2>
          </section>
        )
      case "signedIn":
        return (
          <>
            <SessionPanel vendor={vendor} connection={connection} onSignedOut={onSignedOut} />
            {connection.renderSignedInExtras?.()}
          </>
        )
      case "signedOut":
      case "reauthRequired":
        return (
          <>
            {followUpUrl ? (
              <p className="notice">
                Signed out here. <a href={followUpUrl}>End the single sign-on session too</a>.
              </p>
            ) : null}
            <div ref={formArea} className="form-area">
              <SignIn className="card signin" />
            </div>
            <section className="card tips" aria-labelledby="tips-heading">
              <h2 id="tips-heading">Things to try</h2>
              <ul>
                {vendor.tips.map((tip) => (
                  <li key={tip}>{tip}</li>
                ))}
              </ul>
            </section>
          </>
        )
      default:
        return status satisfies never
    }
  })()

  return (
    <>
      <div className="vendor-grid">
        <div className="primary">{primary}</div>
        <aside className="secondary" aria-label={`${vendor.name} demo accounts`}>
          <PeoplePanel
            vendor={vendor}
            formArea={formArea}
            canFill={!isCallback && (status === "signedOut" || status === "reauthRequired")}
            isCodeInline={connection.client.adapter.capabilities.secondFactor.startsWith("inline")}
            isEmulator={connection.isEmulator}
          />
        </aside>
      </div>
      {/* What an app gets from @latchkey/devtools, embedded: this tab's client first, the other vendors' opened so far. */}
      <LatchkeyDevtoolsPanel
        className="devtools"
        clients={[connection, ...liveConnections().filter((other) => other !== connection)]}
      />
    </>
  )
}
