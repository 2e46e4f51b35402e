import { AuthError } from "../authError"
import { encodeBase64 } from "../base64"
import { deriveFromPrepared, hmac, type ScramHash } from "./deriveScramKeys"
import { saslprepPassword } from "./saslprepPassword"
import {
  decodeScramBase64,
  escapeScramUsername,
  isScramPrintable,
  malformed,
  parseScramAttributes,
  type ScramAttributes,
} from "./scramAttributes"
import { scramServerError } from "./scramServerError"

/** The WebCrypto a SCRAM client needs: a `Crypto` object, or the same two members from elsewhere. */
export interface ScramCrypto {
  readonly subtle: SubtleCrypto
  getRandomValues(array: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>
}

/** Who signs in, and how carefully. */
export interface ScramClientOptions {
  /** Sent escaped (`=` → `=3D`, `,` → `=2C`), not SASLprepped: an e-mail address stays as typed. */
  readonly username: string
  /** Normalised with SASLprep (RFC 4013) before it is hashed. */
  readonly password: string
  readonly hash: ScramHash
  /** A fixed client nonce (printable ASCII without `,`), for test vectors; 18 random bytes, base64, by default. */
  readonly clientNonce?: string | undefined
  /** `globalThis.crypto` by default. */
  readonly crypto?: ScramCrypto | undefined
  /**
   * The lowest iteration count accepted: a server (or someone in between) asking for fewer is refused with
   * `scram_iteration_count_too_low`, since fewer iterations make a stolen exchange cheaper to brute-force. 4096
   * (RFC 7677's minimum) by default.
   */
  readonly minIterations?: number | undefined
  /** Names the vendor in the errors thrown. */
  readonly vendor?: string | undefined
}

/** One SCRAM exchange (RFC 5802) without channel binding, message by message. */
export interface ScramClient {
  /** `n,,n=<user>,r=<client nonce>`. */
  readonly clientFirstMessage: string
  readonly clientNonce: string
  /**
   * Settles once the password is prepared: rejects with `invalid_input` when SASLprep prohibits it. Await it
   * before sending `clientFirstMessage`, so that such a password is refused before any request.
   */
  readonly ready: Promise<void>
  /** Checks the server's `r=…,s=…,i=…` and answers with `c=biws,r=…,p=<proof>`. */
  receiveServerFirst(serverFirst: string): Promise<string>
  /** Checks the server's `v=<signature>`: resolves only when the server proved it knows the password's keys. */
  receiveServerFinal(serverFinal: string): Promise<void>
}

/** More iterations than this is a server stalling the device, not protecting a password (OWASP asks 600 000). */
const maxIterations = 10_000_000

const nonceBytes = 18

/**
 * Starts a SCRAM exchange: every check a client owes the server, all cryptography through WebCrypto.
 * Each refusal is a typed `AuthError`, and nothing about the exchange is kept once it fails.
 * @example
 * const scram = createScramClient({ username: "user", password: "pencil", hash: "SHA-256" })
 * await scram.ready
 * const final = await scram.receiveServerFirst(await send(scram.clientFirstMessage))
 * await scram.receiveServerFinal(await send(final))
 */
export function createScramClient(options: ScramClientOptions): ScramClient {
  const { hash, vendor } = options
  const crypto = options.crypto ?? globalThis.crypto
  const minIterations = options.minIterations ?? 4096
  const clientNonce =
    options.clientNonce ?? encodeBase64(crypto.getRandomValues(new Uint8Array(nonceBytes)))
  if (!isScramPrintable(clientNonce)) throw new AuthError("invalid_input", { vendor })
  const clientFirstBare = `n=${escapeScramUsername(options.username)},r=${clientNonce}`
  const prepared = saslprepPassword(options.password, vendor)
  const ready = prepared.then(() => undefined)
  // Settled by whoever awaits it; unobserved, a refused password must not be an unhandled rejection.
  ready.catch(() => {})

  let state:
    | { readonly step: "start" }
    | { readonly step: "working" }
    | { readonly step: "awaitingFinal"; readonly serverSignature: Uint8Array }
    | { readonly step: "over" } = { step: "start" }

  const outOfStep = () => new AuthError("invalid_step", { vendor })

  return {
    clientFirstMessage: `n,,${clientFirstBare}`,
    clientNonce,
    ready,

    async receiveServerFirst(serverFirst) {
      if (state.step !== "start") throw outOfStep()
      state = { step: "working" }
      try {
        const { nonce, salt, iterations } = readServerFirst(serverFirst)
        const keys = await deriveFromPrepared({
          password: await prepared,
          salt,
          iterations,
          hash,
          subtle: crypto.subtle,
        })
        const finalWithoutProof = `c=biws,r=${nonce}`
        const authMessage = `${clientFirstBare},${serverFirst},${finalWithoutProof}`
        const clientSignature = await hmac(crypto.subtle, hash, keys.storedKey, authMessage)
        const proof = keys.clientKey.map((byte, index) => byte ^ (clientSignature[index] ?? 0))
        state = {
          step: "awaitingFinal",
          serverSignature: await hmac(crypto.subtle, hash, keys.serverKey, authMessage),
        }
        return `${finalWithoutProof},p=${encodeBase64(proof)}`
      } catch (error) {
        state = { step: "over" }
        throw error
      }
    },

    async receiveServerFinal(serverFinal) {
      if (state.step !== "awaitingFinal") throw outOfStep()
      const expected = state.serverSignature
      state = { step: "over" }
      const mismatch = (cause?: unknown) =>
        new AuthError("scram_server_signature_mismatch", { vendor, cause })
      let attributes: ScramAttributes
      try {
        attributes = parseScramAttributes(serverFinal, vendor)
      } catch (cause) {
        // Whatever else it is, an answer without one readable signature has not proved anything.
        throw mismatch(cause)
      }
      const error = attributes.get("e")
      if (error !== undefined) throw scramServerError(error, vendor)
      const signature = decodeScramBase64(attributes.get("v") ?? "")
      if (!signature || !equalInConstantTime(signature, expected)) throw mismatch()
    },
  }

  function readServerFirst(message: string) {
    const attributes = parseScramAttributes(message, vendor)
    const error = attributes.get("e")
    if (error !== undefined) throw scramServerError(error, vendor)
    if (attributes.has("m")) throw new AuthError("unsupported", { vendor, vendorCode: "m" })
    const [r, s, i] = attributes.keys()
    if (r !== "r" || s !== "s" || i !== "i") throw malformed(vendor, "server-first is not r=,s=,i=")
    const nonce = attributes.get("r") ?? ""
    if (!isScramPrintable(nonce)) throw malformed(vendor, "the nonce is not printable")
    // The server's nonce extends ours: otherwise this answer belongs to another exchange (a replay).
    if (!nonce.startsWith(clientNonce) || nonce.length === clientNonce.length)
      throw malformed(vendor, "the nonce does not extend the client nonce")
    const salt = decodeScramBase64(attributes.get("s") ?? "")
    if (!salt || salt.length === 0) throw malformed(vendor, "the salt is not base64")
    const count = attributes.get("i") ?? ""
    if (!/^[1-9][0-9]{0,9}$/.test(count))
      throw malformed(vendor, "the iteration count is not a number")
    const iterations = Number(count)
    if (iterations < minIterations) throw new AuthError("scram_iteration_count_too_low", { vendor })
    if (iterations > maxIterations) throw malformed(vendor, "the iteration count is absurdly high")
    return { nonce, salt, iterations }
  }
}

/** Compares two byte strings in time that depends on their length only, not on where they differ. */
function equalInConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0)
  return difference === 0
}
