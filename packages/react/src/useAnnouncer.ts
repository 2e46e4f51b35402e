import {
  type CSSProperties,
  createContext,
  useCallback,
  useContext,
  useMemo,
  useState,
} from "react"

/** Announces a sentence through the one polite live region of the surrounding `<SignIn>`. */
export const AnnouncerContext = createContext<((message: string) => void) | null>(null)

/** Visually hidden but read by screen readers; inline so it works in `unstyled` mode too. */
const visuallyHidden: CSSProperties = {
  position: "absolute",
  width: 1,
  height: 1,
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
}

/** What a live region renders. */
export interface LiveRegion {
  readonly props: {
    role: "status"
    "aria-live": "polite"
    "aria-atomic": true
    style: CSSProperties
    "data-latchkey-live": ""
  }
  readonly text: string
}

/** A polite live region of one's own: `announce` changes its text. */
export function useLiveRegion(): { announce: (message: string) => void; region: LiveRegion } {
  const [message, setMessage] = useState({ text: "", count: 0 })
  const announce = useCallback(
    (text: string) => setMessage((previous) => ({ text, count: previous.count + 1 })),
    [],
  )
  const region = useMemo<LiveRegion>(
    () => ({
      props: {
        role: "status",
        "aria-live": "polite",
        "aria-atomic": true,
        style: visuallyHidden,
        "data-latchkey-live": "",
      },
      // The same sentence twice in a row must be read twice: a changing invisible suffix forces it.
      text: message.count % 2 === 1 ? `${message.text}\u00a0` : message.text,
    }),
    [message],
  )
  return { announce, region }
}

/**
 * The announcer of the surrounding `<SignIn>`, or a live region of the form's own when it stands alone:
 * either way there is one polite region on screen.
 */
export function useAnnouncer(): { announce: (message: string) => void; region: LiveRegion | null } {
  const shared = useContext(AnnouncerContext)
  const own = useLiveRegion()
  return shared ? { announce: shared, region: null } : own
}
