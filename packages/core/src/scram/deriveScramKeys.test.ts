import { createHash, createHmac, pbkdf2Sync } from "node:crypto"
import { describe, expect, it } from "vitest"
import { createScramClient, deriveScramKeys, type ScramHash } from "./index"

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64")
const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, "base64"))

describe("deriveScramKeys", () => {
  it("derives the keys of the RFC 7677 and RFC 5802 examples", async () => {
    const sha256 = await deriveScramKeys({
      password: "pencil",
      salt: bytesOf("W22ZaJ0SNY7soEsUEjb6gQ=="),
      iterations: 4096,
      hash: "SHA-256",
    })
    expect(base64(sha256.storedKey)).toBe("WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=")
    expect(base64(sha256.serverKey)).toBe("wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=")
    const sha1 = await deriveScramKeys({
      password: "pencil",
      salt: bytesOf("QSXCR+Q6sek8bf92"),
      iterations: 4096,
      hash: "SHA-1",
    })
    expect(base64(sha1.storedKey)).toBe("6dlGYMOdZcOPutkcNY8U2g7vK9Y=")
    expect(base64(sha1.serverKey)).toBe("D+CSWLOshSulAsxiupA+qs2/fTE=")
  })
})

/** A PostgreSQL-style verifier, computed by Node's own PBKDF2 and HMAC: an implementation that is not ours. */
function nodeVerifier(password: string, hash: ScramHash, iterations: number, salt: Buffer) {
  const algorithm = hash.replace("-", "").toLowerCase()
  const length = { "SHA-1": 20, "SHA-256": 32, "SHA-512": 64 }[hash]
  const salted = pbkdf2Sync(password, salt, iterations, length, algorithm)
  const clientKey = createHmac(algorithm, salted).update("Client Key").digest()
  const storedKey = createHash(algorithm).update(clientKey).digest()
  const serverKey = createHmac(algorithm, salted).update("Server Key").digest()
  return `SCRAM-${hash}$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`
}

/** The server's half of SCRAM over a verifier string, with Node's crypto: checks the proof, answers v=. */
function nodeServer(verifier: string, hash: ScramHash) {
  const match = /^SCRAM-[\w-]+\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(verifier)
  if (!match) throw new Error("not a verifier")
  const [, iterations = "", salt = "", storedKey = "", serverKey = ""] = match
  const algorithm = hash.replace("-", "").toLowerCase()
  const serverNonce = "3rfcNHYJY1ZVvWVs7j"
  let authMessage = ""
  return {
    first(clientFirst: string) {
      const bare = clientFirst.slice("n,,".length)
      const clientNonce = /,r=(.+)$/.exec(bare)?.[1] ?? ""
      const serverFirst = `r=${clientNonce}${serverNonce},s=${salt},i=${iterations}`
      authMessage = `${bare},${serverFirst},`
      return serverFirst
    },
    final(clientFinal: string) {
      const [withoutProof = "", proof = ""] = clientFinal.split(",p=")
      authMessage += withoutProof
      const signature = createHmac(algorithm, Buffer.from(storedKey, "base64"))
        .update(authMessage)
        .digest()
      const clientKey = Buffer.from(proof, "base64").map(
        (byte, index) => byte ^ (signature[index] ?? 0),
      )
      const isProven = createHash(algorithm).update(clientKey).digest("base64") === storedKey
      if (!isProven) return "e=invalid-proof"
      const serverSignature = createHmac(algorithm, Buffer.from(serverKey, "base64"))
        .update(authMessage)
        .digest("base64")
      return `v=${serverSignature}`
    },
  }
}

describe("createScramClient against verifiers another implementation made", () => {
  const cases: [string, ScramHash, string, string][] = [
    [
      "SHA-256, an ASCII password",
      "SHA-256",
      "correct horse battery staple",
      "correct horse battery staple",
    ],
    ["SHA-1", "SHA-1", "hunter2 hunter2", "hunter2 hunter2"],
    ["SHA-512", "SHA-512", "pencil", "pencil"],
    // The verifier was made from the prepared form, as a server stores it; the client gets what was typed.
    [
      "SHA-256, a password SASLprep maps",
      "SHA-256",
      "\uFF53\uFF45\uFF43ret\u00AD pass\u2003word",
      "secret pass word",
    ],
  ]
  for (const [name, hash, typed, stored] of cases) {
    it(`signs in: ${name}`, async () => {
      const verifier = nodeVerifier(stored, hash, 4096, Buffer.from(`salt of ${name}`))
      const server = nodeServer(verifier, hash)
      const scram = createScramClient({ username: "alice@example.com", password: typed, hash })
      await scram.ready
      const final = await scram.receiveServerFirst(server.first(scram.clientFirstMessage))
      await expect(scram.receiveServerFinal(server.final(final))).resolves.toBeUndefined()
    })
  }

  it("is refused by the verifier for a wrong password", async () => {
    const verifier = nodeVerifier("pencil", "SHA-256", 4096, Buffer.from("salt"))
    const server = nodeServer(verifier, "SHA-256")
    const scram = createScramClient({ username: "user", password: "pencils", hash: "SHA-256" })
    const final = await scram.receiveServerFirst(server.first(scram.clientFirstMessage))
    await expect(scram.receiveServerFinal(server.final(final))).rejects.toMatchObject({
      code: "invalid_credentials",
    })
  })
})
