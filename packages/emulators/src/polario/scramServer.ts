/** The hashes a SCRAM server can be built on, by WebCrypto name. */
export type ScramServerHash = "SHA-1" | "SHA-256" | "SHA-512"

/** What a SCRAM server stores for an account instead of the password (RFC 5802 §3). */
export interface ScramCredentials {
  readonly salt: Uint8Array<ArrayBuffer>
  readonly iterations: number
  readonly storedKey: Uint8Array<ArrayBuffer>
  readonly serverKey: Uint8Array<ArrayBuffer>
}

/** A client-first message, read. */
export interface ClientFirst {
  /** The message without its GS2 header: the first part of the AuthMessage. */
  readonly bare: string
  /** The user name, `=2C` and `=3D` decoded. */
  readonly username: string
  readonly clientNonce: string
}

/** What the server remembers between its first message and the client's final one. */
export interface ScramHandshake {
  readonly clientFirstBare: string
  readonly serverFirst: string
  /** The client's nonce followed by the server's. */
  readonly nonce: string
  readonly credentials: ScramCredentials
}

const keyLength: Readonly<Record<ScramServerHash, number>> = {
  "SHA-1": 20,
  "SHA-256": 32,
  "SHA-512": 64,
}

/**
 * Derives what a server stores for a (prepared) password; the password itself is not kept.
 *
 * @example
 * const credentials = await deriveScramCredentials("pencil", salt, 4096, "SHA-256")
 */
export async function deriveScramCredentials(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  hash: ScramServerHash,
): Promise<ScramCredentials> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(password),
    "PBKDF2",
    false,
    ["deriveBits"],
  )
  const salted = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: "PBKDF2", salt, iterations, hash },
      key,
      keyLength[hash] * 8,
    ),
  )
  const clientKey = await hmac(hash, salted, "Client Key")
  const storedKey = new Uint8Array(await crypto.subtle.digest(hash, clientKey))
  return { salt, iterations, storedKey, serverKey: await hmac(hash, salted, "Server Key") }
}

/**
 * Reads a client-first message without channel binding (`n,,n=<user>,r=<nonce>`; `y,,` is accepted too: the
 * client could bind but thinks the server cannot). `undefined` when it is not one.
 */
export function parseClientFirst(message: string): ClientFirst | undefined {
  const match = /^[ny],,(n=([^,]*),r=([\x21-\x2b\x2d-\x7e]+))$/.exec(message)
  if (!match) return undefined
  const [, bare = "", name = "", clientNonce = ""] = match
  if (/=(?!2C|3D)/.test(name)) return undefined
  return { bare, username: name.replaceAll("=2C", ",").replaceAll("=3D", "="), clientNonce }
}

/** Answers a client-first message: `r=<client nonce><server nonce>,s=<salt>,i=<iterations>`. */
export function startScramHandshake(
  clientFirst: ClientFirst,
  serverNonce: string,
  credentials: ScramCredentials,
): ScramHandshake {
  const nonce = `${clientFirst.clientNonce}${serverNonce}`
  const serverFirst = `r=${nonce},s=${toBase64(credentials.salt)},i=${credentials.iterations}`
  return { clientFirstBare: clientFirst.bare, serverFirst, nonce, credentials }
}

/**
 * Checks a client-final message (`c=biws,r=<nonce>,p=<proof>`) as a SCRAM server does: the proof must turn,
 * through the stored key alone, into a client key whose hash is that stored key. Answers the server-final
 * message: `v=<server signature>`, or `e=…` when the client did not prove it knows the password.
 */
export async function finishScramHandshake(
  handshake: ScramHandshake,
  clientFinal: string,
  hash: ScramServerHash,
): Promise<{ readonly isProven: boolean; readonly serverFinal: string }> {
  const match = /^(c=([^,]*),r=([^,]*)),p=([^,]*)$/.exec(clientFinal)
  const [, withoutProof = "", binding = "", nonce = "", proofText = ""] = match ?? []
  if (!match || (binding !== "biws" && binding !== "eSws"))
    return { isProven: false, serverFinal: "e=channel-bindings-dont-match" }
  if (nonce !== handshake.nonce) return { isProven: false, serverFinal: "e=other-error" }
  const proof = fromBase64(proofText)
  const { storedKey, serverKey } = handshake.credentials
  const authMessage = `${handshake.clientFirstBare},${handshake.serverFirst},${withoutProof}`
  const clientSignature = await hmac(hash, storedKey, authMessage)
  if (proof === undefined || proof.length !== clientSignature.length)
    return { isProven: false, serverFinal: "e=invalid-proof" }
  const clientKey = proof.map((byte, index) => byte ^ (clientSignature[index] ?? 0))
  const candidate = new Uint8Array(await crypto.subtle.digest(hash, clientKey))
  if (!equalBytes(candidate, storedKey)) return { isProven: false, serverFinal: "e=invalid-proof" }
  return {
    isProven: true,
    serverFinal: `v=${toBase64(await hmac(hash, serverKey, authMessage))}`,
  }
}

async function hmac(
  hash: ScramServerHash,
  key: Uint8Array<ArrayBuffer>,
  text: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const hmacKey = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash }, false, ["sign"])
  return new Uint8Array(await crypto.subtle.sign("HMAC", hmacKey, new TextEncoder().encode(text)))
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length
  for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0)
  return difference === 0
}

/** Padded base64, as SCRAM writes binary values. */
export function toBase64(bytes: Uint8Array): string {
  let binary = ""
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Strict padded base64; `undefined` for anything else. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text))
    return undefined
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0))
}
