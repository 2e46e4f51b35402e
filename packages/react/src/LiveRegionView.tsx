import type { LiveRegion } from "./useAnnouncer"

/** Renders a form's own live region when it is not inside `<SignIn>` (which has the shared one). */
export function LiveRegionView({ region }: { region: LiveRegion | null }) {
  if (!region) return null
  return <div {...region.props}>{region.text}</div>
}
