import sasl from "pg/lib/crypto/sasl.js"
import { describe, expect, it } from "vitest"
import { polarioUnicodePerson } from "./polarioPeople"
import { saslprepMapping } from "./saslprepMapping"
import {
  deriveScramCredentials,
  finishScramHandshake,
  fromBase64,
  parseClientFirst,
  type ScramCredentials,
  startScramHandshake,
  toBase64,
} from "./scramServer"

const salt = (text: string) => fromBase64(text) ?? new Uint8Array()

describe("the emulator's SCRAM server", () => {
  it("answers the RFC 7677 exchange byte for byte and stores the keys the vendor page lists", async () => {
    const credentials = await deriveScramCredentials(
      "pencil",
      salt("W22ZaJ0SNY7soEsUEjb6gQ=="),
      4096,
      "SHA-256",
    )
    expect(toBase64(credentials.storedKey)).toBe("WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=")
    expect(toBase64(credentials.serverKey)).toBe("wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=")
    const clientFirst = parseClientFirst("n,,n=user,r=rOprNGfwEbeRWgbNEkqO")
    if (!clientFirst) throw new Error("not parsed")
    const handshake = startScramHandshake(
      clientFirst,
      "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0",
      credentials,
    )
    expect(handshake.serverFirst).toBe(
      "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
    )
    const outcome = await finishScramHandshake(
      handshake,
      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
      "SHA-256",
    )
    expect(outcome).toEqual({
      isProven: true,
      serverFinal: "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
    })
  })

  it("answers the RFC 5802 exchange (SHA-1) byte for byte", async () => {
    const credentials = await deriveScramCredentials(
      "pencil",
      salt("QSXCR+Q6sek8bf92"),
      4096,
      "SHA-1",
    )
    expect(toBase64(credentials.storedKey)).toBe("6dlGYMOdZcOPutkcNY8U2g7vK9Y=")
    expect(toBase64(credentials.serverKey)).toBe("D+CSWLOshSulAsxiupA+qs2/fTE=")
    const clientFirst = parseClientFirst("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL")
    if (!clientFirst) throw new Error("not parsed")
    const handshake = startScramHandshake(clientFirst, "3rfcNHYJY1ZVvWVs7j", credentials)
    const outcome = await finishScramHandshake(
      handshake,
      "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
      "SHA-1",
    )
    expect(outcome.serverFinal).toBe("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")
  })

  it("reads user names with =2C and =3D, and refuses other escapes or channel binding it cannot do", () => {
    expect(parseClientFirst("n,,n=a=2Cb=3Dc,r=abc")?.username).toBe("a,b=c")
    expect(parseClientFirst("n,,n=a=2Xb,r=abc")).toBeUndefined()
    expect(parseClientFirst("p=tls-server-end-point,,n=a,r=abc")).toBeUndefined()
    expect(parseClientFirst("n,,n=a,r=a,b")).toBeUndefined()
  })
})

describe("the emulator's SCRAM server against the SCRAM client inside pg", () => {
  async function exchange(typed: string, credentials: ScramCredentials) {
    const session = sasl.startSession(["SCRAM-SHA-256"])
    const clientFirst = parseClientFirst(session.response)
    if (!clientFirst) throw new Error(`pg sent ${session.response}`)
    const handshake = startScramHandshake(clientFirst, "c2VydmVyIG5vbmNl", credentials)
    await sasl.continueSession(session, typed, handshake.serverFirst)
    const outcome = await finishScramHandshake(handshake, session.response, "SHA-256")
    return { session, outcome }
  }

  const credentialsOf = (password: string) =>
    deriveScramCredentials(saslprepMapping(password), salt("c2FsdCBvZiBwZw=="), 4096, "SHA-256")

  it("accepts pg's proof, and pg accepts the server's signature", async () => {
    const { session, outcome } = await exchange("pencil", await credentialsOf("pencil"))
    expect(outcome.isProven).toBe(true)
    expect(() => sasl.finalizeSession(session, outcome.serverFinal)).not.toThrow()
  })

  it("refuses pg's proof of a wrong password with e=invalid-proof", async () => {
    const { outcome } = await exchange("pencil2", await credentialsOf("pencil"))
    expect(outcome).toEqual({ isProven: false, serverFinal: "e=invalid-proof" })
  })

  it("agrees with pg's own SASLprep on a password it maps", async () => {
    const typed = polarioUnicodePerson.password
    expect(saslprepMapping(typed)).toBe("erin passphrase")
    const { session, outcome } = await exchange(typed, await credentialsOf(typed))
    expect(outcome.isProven).toBe(true)
    expect(() => sasl.finalizeSession(session, outcome.serverFinal)).not.toThrow()
  })

  it("gives pg a signature it refuses when the server does not hold the right keys", async () => {
    const real = await credentialsOf("pencil")
    const impostor = await credentialsOf("something else")
    const { session, outcome } = await exchange("pencil", {
      ...real,
      serverKey: impostor.serverKey,
    })
    expect(outcome.isProven).toBe(true)
    expect(() => sasl.finalizeSession(session, outcome.serverFinal)).toThrow(/signature/)
  })
})
