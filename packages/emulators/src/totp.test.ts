import { describe, expect, it } from "vitest"
import { createEmulatorClock } from "./clock"
import { bob } from "./people"
import { createTotpVerifier, generateTotp, matchTotp } from "./totp"

/** RFC 6238 appendix B: the ASCII secret "12345678901234567890", here in base32. */
const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

describe("generateTotp", () => {
  it.each([
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ])("gives the RFC 6238 SHA-1 code at %i s", (seconds, code) => {
    expect(generateTotp(rfcSecret, seconds * 1000, { digits: 8 })).toBe(code)
  })

  it("gives six-digit codes by default", () => {
    expect(generateTotp(rfcSecret, 59_000)).toBe("287082")
  })
})

describe("matchTotp", () => {
  const secret = "JBSWY3DPEHPK3PXP"
  const now = 1_700_000_000_000

  it("accepts the codes one step either side and nothing further", () => {
    expect(matchTotp(secret, generateTotp(secret, now), now)).toBe(0)
    expect(matchTotp(secret, generateTotp(secret, now - 30_000), now)).toBe(-1)
    expect(matchTotp(secret, generateTotp(secret, now + 30_000), now)).toBe(1)
    expect(matchTotp(secret, generateTotp(secret, now - 60_000), now)).toBeUndefined()
    expect(matchTotp(secret, generateTotp(secret, now + 60_000), now)).toBeUndefined()
  })

  it("refuses anything that is not digits", () => {
    expect(matchTotp(secret, "", now)).toBeUndefined()
    expect(matchTotp(secret, "abcdef", now)).toBeUndefined()
  })
})

describe("createTotpVerifier", () => {
  it("accepts bob's current code once, then refuses it as reused", () => {
    const clock = createEmulatorClock()
    const totp = createTotpVerifier({ clock })
    const secret = bob.totpSecret ?? ""
    const code = generateTotp(secret, clock.now())
    expect(totp.verify("bob", secret, code)).toBe("accepted")
    clock.advance(10_000)
    expect(totp.verify("bob", secret, code)).toBe("reused")
    expect(totp.verify("bob", secret, generateTotp(secret, clock.now() + 300_000))).toBe("invalid")
  })

  it("refuses an older code once a newer one was used, but takes the next step's code", () => {
    const clock = createEmulatorClock()
    const totp = createTotpVerifier({ clock })
    const secret = "JBSWY3DPEHPK3PXP"
    const previous = generateTotp(secret, clock.now() - 30_000)
    expect(totp.verify("bob", secret, generateTotp(secret, clock.now()))).toBe("accepted")
    expect(totp.verify("bob", secret, previous)).toBe("reused")
    clock.advance(30_000)
    expect(totp.verify("bob", secret, generateTotp(secret, clock.now()))).toBe("accepted")
  })

  it("keeps accounts apart", () => {
    const clock = createEmulatorClock()
    const totp = createTotpVerifier({ clock })
    const secret = "JBSWY3DPEHPK3PXP"
    const code = generateTotp(secret, clock.now())
    expect(totp.verify("bob", secret, code)).toBe("accepted")
    expect(totp.verify("admin", secret, code)).toBe("accepted")
  })
})
