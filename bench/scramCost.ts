import { createScramClient } from "@latchkey/core/scram"
import { hmac } from "@noble/hashes/hmac.js"
import { pbkdf2 } from "@noble/hashes/pbkdf2.js"
import { sha256 } from "@noble/hashes/sha2.js"
import { median } from "./timing"

/** RFC 7677's SCRAM-SHA-256 exchange (user `user`, password `pencil`), with the iteration count as a parameter. */
const vector = {
  username: "user",
  password: "pencil",
  clientNonce: "rOprNGfwEbeRWgbNEkqO",
  serverFirst: (iterations: number) =>
    `r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=${iterations}`,
  /** The client proof RFC 7677 §3 gives for 4096 iterations. */
  proofAt4096: "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
}

/** The client-final message Latchkey's SCRAM client answers with: PBKDF2 and HMAC through WebCrypto. */
async function latchkeyFinal(iterations: number): Promise<string> {
  const scram = createScramClient({
    username: vector.username,
    password: vector.password,
    hash: "SHA-256",
    clientNonce: vector.clientNonce,
  })
  await scram.ready
  return scram.receiveServerFirst(vector.serverFirst(iterations))
}

/** The same client-final message computed with `@noble/hashes` in pure JavaScript (RFC 5802 §3, step by step). */
function nobleFinal(iterations: number): string {
  const encode = (text: string) => new TextEncoder().encode(text)
  const salt = Uint8Array.from(atob("W22ZaJ0SNY7soEsUEjb6gQ=="), (char) => char.charCodeAt(0))
  const salted = pbkdf2(sha256, encode(vector.password), salt, { c: iterations, dkLen: 32 })
  const clientKey = hmac(sha256, salted, encode("Client Key"))
  const storedKey = sha256(clientKey)
  const serverFirst = vector.serverFirst(iterations)
  const nonce = serverFirst.slice(2, serverFirst.indexOf(","))
  const withoutProof = `c=biws,r=${nonce}`
  const authMessage = `n=${vector.username},r=${vector.clientNonce},${serverFirst},${withoutProof}`
  const signature = hmac(sha256, storedKey, encode(authMessage))
  const proof = clientKey.map((byte, index) => byte ^ (signature[index] ?? 0))
  return `${withoutProof},p=${btoa(String.fromCharCode(...proof))}`
}

/** Milliseconds to compute one client proof with each implementation, medians of `runs` runs. */
export interface ScramCost {
  readonly iterations: number
  readonly runs: number
  readonly webCryptoMs: number
  readonly pureJsMs: number
}

async function timed(work: () => unknown): Promise<number> {
  const startedAt = performance.now()
  await work()
  return performance.now() - startedAt
}

/**
 * Times the SCRAM-SHA-256 client proof at `iterations` with Latchkey's WebCrypto client and with `@noble/hashes`,
 * alternating runs in one process; both must give the same proof (and RFC 7677's at 4096 iterations) or it throws.
 * @example
 * const { webCryptoMs, pureJsMs } = await scramCost(600_000, 3)
 */
export async function scramCost(iterations: number, runs: number): Promise<ScramCost> {
  const ours = await latchkeyFinal(iterations)
  if (ours !== nobleFinal(iterations)) throw new Error(`SCRAM proofs differ at ${iterations}`)
  if (iterations === 4096 && !ours.endsWith(`,p=${vector.proofAt4096}`))
    throw new Error("SCRAM proof differs from RFC 7677")
  const webCrypto: number[] = []
  const pureJs: number[] = []
  for (let run = 0; run < runs; run++) {
    webCrypto.push(await timed(() => latchkeyFinal(iterations)))
    pureJs.push(await timed(() => nobleFinal(iterations)))
  }
  return { iterations, runs, webCryptoMs: median(webCrypto), pureJsMs: median(pureJs) }
}
