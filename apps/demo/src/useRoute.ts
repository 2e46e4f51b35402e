import { useSyncExternalStore } from "react"
import { parseRoute, type Route } from "./route"

const changeEvent = "demo:navigate"

function subscribe(onChange: () => void) {
  window.addEventListener("popstate", onChange)
  window.addEventListener(changeEvent, onChange)
  return () => {
    window.removeEventListener("popstate", onChange)
    window.removeEventListener(changeEvent, onChange)
  }
}

const currentPath = () => window.location.pathname

/** Moves to another screen without reloading the page. */
export function navigate(path: string, { replace = false }: { replace?: boolean } = {}) {
  if (replace) window.history.replaceState(null, "", path)
  else window.history.pushState(null, "", path)
  window.dispatchEvent(new Event(changeEvent))
}

/** The screen the address bar names, following `navigate` and the back button. */
export function useRoute(): Route {
  const path = useSyncExternalStore(subscribe, currentPath, () => "/")
  return parseRoute(path)
}
