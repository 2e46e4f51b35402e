/** Encodes bytes as base64 (`url: true` for the URL-safe alphabet without padding). */
export function encodeBase64(bytes: Uint8Array, { url = false } = {}): string {
  let binary = ""
  for (const byte of bytes) binary += String.fromCharCode(byte)
  const base64 = btoa(binary)
  return url ? base64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "") : base64
}

/** Decodes base64 or base64url; `undefined` when `text` is not valid base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const normalized = text.replaceAll("-", "+").replaceAll("_", "/")
  const padded = normalized.padEnd(normalized.length + ((4 - (normalized.length % 4)) % 4), "=")
  try {
    return Uint8Array.from(atob(padded), (char) => char.charCodeAt(0))
  } catch {
    return undefined
  }
}
