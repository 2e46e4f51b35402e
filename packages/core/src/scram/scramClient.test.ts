import { describe, expect, it } from "vitest"
import { AuthError } from "../authError"
import { createScramClient, type ScramClientOptions } from "./index"

/** RFC 5802 §5 (SCRAM-SHA-1) and RFC 7677 §3 (SCRAM-SHA-256), line wrapping removed. */
const rfc5802 = {
  hash: "SHA-1",
  clientNonce: "fyko+d2lbbFgONRv9qkxdawL",
  clientFirst: "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL",
  serverFirst: "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
  clientFinal: "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
  serverFinal: "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=",
} as const

const rfc7677 = {
  hash: "SHA-256",
  clientNonce: "rOprNGfwEbeRWgbNEkqO",
  clientFirst: "n,,n=user,r=rOprNGfwEbeRWgbNEkqO",
  serverFirst:
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
  clientFinal:
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
  serverFinal: "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
} as const

function client(
  vector: typeof rfc5802 | typeof rfc7677,
  options: Partial<ScramClientOptions> = {},
) {
  return createScramClient({
    username: "user",
    password: "pencil",
    hash: vector.hash,
    clientNonce: vector.clientNonce,
    vendor: "test",
    ...options,
  })
}

async function refusal(promise: Promise<unknown>): Promise<AuthError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  if (!(error instanceof AuthError)) throw new Error(`expected an AuthError, got ${String(error)}`)
  return error
}

describe("createScramClient: the RFC exchanges, byte for byte", () => {
  for (const vector of [rfc5802, rfc7677]) {
    it(`reproduces the ${vector.hash} example and accepts the server's signature`, async () => {
      const scram = client(vector)
      await scram.ready
      expect(scram.clientFirstMessage).toBe(vector.clientFirst)
      expect(await scram.receiveServerFirst(vector.serverFirst)).toBe(vector.clientFinal)
      await expect(scram.receiveServerFinal(vector.serverFinal)).resolves.toBeUndefined()
    })
  }

  it("makes an 18-byte random nonce from the crypto it is given", async () => {
    const seen: number[] = []
    const scram = createScramClient({
      username: "user",
      password: "pencil",
      hash: "SHA-256",
      crypto: {
        subtle: globalThis.crypto.subtle,
        getRandomValues(array) {
          seen.push(array.length)
          return array.fill(0xfb)
        },
      },
    })
    expect(seen).toEqual([18])
    expect(scram.clientNonce).toBe("+/v7+/v7+/v7+/v7+/v7+/v7")
    expect(scram.clientFirstMessage).toBe(`n,,n=user,r=${scram.clientNonce}`)
  })

  it("escapes = and , in the user name, and nothing else", () => {
    const scram = client(rfc7677, { username: "a=b,c@exämple.org" })
    expect(scram.clientFirstMessage).toBe("n,,n=a=3Db=2Cc@exämple.org,r=rOprNGfwEbeRWgbNEkqO")
  })

  it("signs with the SASLprepped password: a soft hyphen inside the password changes nothing", async () => {
    const scram = client(rfc7677, { password: "pen\u00ADcil" })
    expect(await scram.receiveServerFirst(rfc7677.serverFirst)).toBe(rfc7677.clientFinal)
  })

  it("refuses a password SASLprep prohibits before anything is sent", async () => {
    for (const password of ["pen\u0007cil", "pen\u0221cil", "\u00AD"]) {
      const scram = client(rfc7677, { password })
      expect(await refusal(scram.ready)).toMatchObject({
        code: "invalid_input",
        fields: ["password"],
        vendor: "test",
      })
    }
  })
})

describe("createScramClient refuses a server that does not follow the protocol", () => {
  const serverFirst = (parts: { r?: string; s?: string; i?: string }) =>
    `r=${parts.r ?? "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"},s=${parts.s ?? "W22ZaJ0SNY7soEsUEjb6gQ=="},i=${parts.i ?? "4096"}`

  it.each([
    ["a nonce that does not start with ours", serverFirst({ r: "XOprNGfwEbeRWgbNEkqO%hvYDpWU" })],
    ["a nonce that is only ours", serverFirst({ r: "rOprNGfwEbeRWgbNEkqO" })],
    ["a nonce with a control character", serverFirst({ r: "rOprNGfwEbeRWgbNEkqO\u0001x" })],
    ["a salt that is not base64", serverFirst({ s: "W22ZaJ0SNY7so!sUEjb6gQ==" })],
    ["a salt without its padding", serverFirst({ s: "W22ZaJ0SNY7soEsUEjb6gQ" })],
    ["an empty salt", serverFirst({ s: "" })],
    ["an iteration count that is not a number", serverFirst({ i: "4096x" })],
    ["an iteration count of ten billion", serverFirst({ i: "10000000000" })],
    ["a missing salt", "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,i=4096"],
    ["attributes out of order", "s=W22ZaJ0SNY7soEsUEjb6gQ==,r=rOprNGfwEbeRWgbNEkqO%hv,i=4096"],
    ["a duplicated nonce", `${serverFirst({})},r=rOprNGfwEbeRWgbNEkqOother`],
    ["a part that is not an attribute", `${serverFirst({})},junk`],
  ])("%s", async (_, message) => {
    const scram = client(rfc7677)
    expect(await refusal(scram.receiveServerFirst(message))).toMatchObject({
      code: "invalid_response",
      vendor: "test",
    })
    // The exchange is over: a second try with the genuine message is refused too.
    expect(await refusal(scram.receiveServerFirst(rfc7677.serverFirst))).toMatchObject({
      code: "invalid_step",
    })
  })

  it("refuses an iteration count below the floor, 4096 unless configured", async () => {
    const low = client(rfc7677)
    expect(await refusal(low.receiveServerFirst(serverFirst({ i: "4095" })))).toMatchObject({
      code: "scram_iteration_count_too_low",
    })
    const stricter = client(rfc7677, { minIterations: 10_000 })
    expect(await refusal(stricter.receiveServerFirst(rfc7677.serverFirst))).toMatchObject({
      code: "scram_iteration_count_too_low",
    })
    const laxer = client(rfc7677, { minIterations: 1 })
    expect(await laxer.receiveServerFirst(serverFirst({ i: "1" }))).toMatch(/^c=biws,r=.*,p=/)
  })

  it("refuses a mandatory extension it does not know", async () => {
    const scram = client(rfc7677)
    expect(await refusal(scram.receiveServerFirst(`m=x,${rfc7677.serverFirst}`))).toMatchObject({
      code: "unsupported",
    })
  })

  it.each([
    ["a wrong signature", "v=rmF9pqV8S7suAoZWja4dJRkFsKQ="],
    [
      "a signature of the right length but one bit off",
      "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G8=",
    ],
    [
      "the right signature spelled with stray bits",
      "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G5=",
    ],
    ["an empty signature", "v="],
    ["no signature", ""],
    [
      "two signatures",
      "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=,v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
    ],
    ["a server-final without v=", "x=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="],
    ["a signature that is not base64", "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4"],
  ])("refuses %s", async (_, serverFinal) => {
    const scram = client(rfc7677)
    await scram.receiveServerFirst(rfc7677.serverFirst)
    expect(await refusal(scram.receiveServerFinal(serverFinal))).toMatchObject({
      code: "scram_server_signature_mismatch",
    })
  })

  it("reads the server's e= error", async () => {
    const scram = client(rfc7677)
    await scram.receiveServerFirst(rfc7677.serverFirst)
    expect(await refusal(scram.receiveServerFinal("e=invalid-proof"))).toMatchObject({
      code: "invalid_credentials",
      vendorCode: "invalid-proof",
      fields: ["password"],
    })
    const other = client(rfc7677)
    await other.receiveServerFirst(rfc7677.serverFirst)
    expect(await refusal(other.receiveServerFinal("e=no-resources"))).toMatchObject({
      code: "server",
      vendorCode: "no-resources",
    })
  })

  it("refuses a server-final before the server-first, and a second server-final", async () => {
    const early = client(rfc7677)
    expect(await refusal(early.receiveServerFinal(rfc7677.serverFinal))).toMatchObject({
      code: "invalid_step",
    })
    const twice = client(rfc7677)
    await twice.receiveServerFirst(rfc7677.serverFirst)
    await twice.receiveServerFinal(rfc7677.serverFinal)
    expect(await refusal(twice.receiveServerFinal(rfc7677.serverFinal))).toMatchObject({
      code: "invalid_step",
    })
  })

  it("cannot be talked into a good signature after a wrong one", async () => {
    const scram = client(rfc7677)
    await scram.receiveServerFirst(rfc7677.serverFirst)
    await refusal(scram.receiveServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="))
    expect(await refusal(scram.receiveServerFinal(rfc7677.serverFinal))).toMatchObject({
      code: "invalid_step",
    })
  })

  it("refuses a client nonce with a comma", () => {
    expect(() => client(rfc7677, { clientNonce: "a,b" })).toThrow(AuthError)
  })
})
