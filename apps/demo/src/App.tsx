import { QueryClient, QueryClientProvider } from "@tanstack/react-query"
import { useEffect, useRef, useState } from "react"
import { vendorPath } from "./route"
import { SettingsScreen } from "./SettingsScreen"
import { ThemeSwitch } from "./ThemeSwitch"
import { navigate, useRoute } from "./useRoute"
import { useSettings } from "./useSettings"
import { VendorScreen } from "./VendorScreen"
import { vendorById, vendors } from "./vendors"

function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" aria-hidden="true">
      <rect x="2" y="2" width="28" height="28" rx="8" fill="currentColor" />
      <circle cx="16" cy="13" r="4.5" fill="none" stroke="var(--lk-bg)" strokeWidth="2.5" />
      <path
        d="M16 17.5v7M16 21.5h3"
        stroke="var(--lk-bg)"
        strokeWidth="2.5"
        strokeLinecap="round"
      />
    </svg>
  )
}

/** Same-page navigation for the header's links; a modified click still opens a new tab. */
function onLinkClick(event: React.MouseEvent<HTMLAnchorElement>, path: string) {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  event.preventDefault()
  navigate(path)
}

const first = vendors[0]

/** The demo: a tab per vendor, the settings, and the theme. */
export function App() {
  const [queryClient] = useState(() => new QueryClient())
  const route = useRoute()
  const { theme } = useSettings()

  useEffect(() => {
    const root = document.documentElement
    if (theme === "system") delete root.dataset.theme
    else root.dataset.theme = theme
  }, [theme])

  useEffect(() => {
    if (route.screen === "home" && first) navigate(vendorPath(first.id), { replace: true })
  }, [route.screen])

  const activeVendor =
    route.screen === "vendor" || route.screen === "callback" ? vendorById(route.vendor) : undefined
  // On a narrow screen the tab strip scrolls sideways: keep the current tab in it.
  const tabs = useRef<HTMLElement>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: another route marks another tab current.
  useEffect(() => {
    const reveal = () => {
      const strip = tabs.current
      const current = strip?.querySelector('[aria-current="page"]')
      if (!strip || !current) return
      const shown = strip.getBoundingClientRect()
      const tab = current.getBoundingClientRect()
      if (tab.right > shown.right) strip.scrollLeft += tab.right - shown.right
      else if (tab.left < shown.left) strip.scrollLeft -= shown.left - tab.left
    }
    reveal()
    window.addEventListener("resize", reveal)
    return () => window.removeEventListener("resize", reveal)
  }, [route])
  useEffect(() => {
    document.title =
      route.screen === "settings"
        ? "Settings · Latchkey demo"
        : activeVendor
          ? `${activeVendor.name} · Latchkey demo`
          : "Latchkey demo"
  }, [route.screen, activeVendor])

  return (
    <QueryClientProvider client={queryClient}>
      <div className="lk app">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="masthead">
          <div className="masthead-inner">
            <a className="brand" href="/" onClick={(event) => onLinkClick(event, "/")}>
              <Logo />
              <span>Latchkey</span>
              <span className="brand-tag">demo</span>
            </a>
            <nav ref={tabs} className="tabs" aria-label="Screens">
              {vendors.map((vendor) => {
                const isCurrent = activeVendor?.id === vendor.id
                return (
                  <a
                    key={vendor.id}
                    className="tab"
                    href={vendorPath(vendor.id)}
                    aria-current={isCurrent ? "page" : undefined}
                    onClick={(event) => onLinkClick(event, vendorPath(vendor.id))}
                  >
                    {vendor.name}
                  </a>
                )
              })}
              <a
                className="tab"
                href="/settings"
                aria-current={route.screen === "settings" ? "page" : undefined}
                onClick={(event) => onLinkClick(event, "/settings")}
              >
                Settings
              </a>
            </nav>
            <ThemeSwitch />
          </div>
        </header>
        <main id="main" className="content" tabIndex={-1}>
          {route.screen === "settings" ? (
            <SettingsScreen />
          ) : activeVendor ? (
            <VendorScreen
              key={activeVendor.id}
              vendor={activeVendor}
              isCallback={route.screen === "callback"}
            />
          ) : route.screen === "home" ? null : (
            <div className="page-intro">
              <h1>Page not found</h1>
              <p className="lede">
                There is no page at this address.{" "}
                {first ? <a href={vendorPath(first.id)}>Go to the {first.name} sign-in</a> : null},
                or pick a service above.
              </p>
            </div>
          )}
        </main>
        <footer className="footer">
          <p className="muted small">
            Latchkey signs people in to Matrix, Cloudreve, Polario, Files.com and SFTPGo. Unless
            Settings name a real server, every request here goes to an in-memory emulator in the
            demo's own server.
          </p>
        </footer>
      </div>
    </QueryClientProvider>
  )
}
