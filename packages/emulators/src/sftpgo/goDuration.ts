const units = [
  { name: "h", ns: 3_600_000_000_000 },
  { name: "m", ns: 60_000_000_000 },
] as const

/**
 * Formats nanoseconds as Go's `time.Duration.String` does (`1m0.5s`, `6.499999999s`, `499.999999ms`), as SFTPGo's
 * `X-Retry-In` header and rate-limit messages carry it.
 *
 * @example
 * goDuration(6_499_999_999) // "6.499999999s"
 */
export function goDuration(ns: number): string {
  const whole = Math.max(0, Math.round(ns))
  if (whole === 0) return "0s"
  if (whole < 1_000) return `${whole}ns`
  if (whole < 1_000_000) return `${fraction(whole, 1_000)}µs`
  if (whole < 1_000_000_000) return `${fraction(whole, 1_000_000)}ms`
  let rest = whole
  let text = ""
  for (const unit of units) {
    const count = Math.floor(rest / unit.ns)
    if (count > 0 || text !== "") text += `${count}${unit.name}`
    rest -= count * unit.ns
  }
  return `${text}${fraction(rest, 1_000_000_000)}s`
}

/** `value / scale` in decimal, trailing zeros of the fraction dropped. */
function fraction(value: number, scale: number): string {
  const integer = Math.floor(value / scale)
  const digits = String(value % scale)
    .padStart(String(scale).length - 1, "0")
    .replace(/0+$/, "")
  return digits === "" ? String(integer) : `${integer}.${digits}`
}
