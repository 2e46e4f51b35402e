import { useMemo } from "react"
import { encode } from "uqr"

/** A QR code drawn as one SVG path: dark modules on white, whatever the theme, so cameras read it. */
export function QrCode({ value, label }: { value: string; label: string }) {
  const { size, path } = useMemo(() => {
    const qr = encode(value, { ecc: "M", border: 2 })
    const parts: string[] = []
    qr.data.forEach((row, y) => {
      row.forEach((isDark, x) => {
        if (isDark) parts.push(`M${x} ${y}h1v1h-1z`)
      })
    })
    return { size: qr.size, path: parts.join("") }
  }, [value])
  return (
    <svg
      className="qr"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  )
}
