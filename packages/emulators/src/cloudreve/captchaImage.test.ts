import { describe, expect, it } from "vitest"
import { createSeededRandomBytes } from "../randomBytes"
import { drawCaptchaImage } from "./captchaImage"

const decode = (image: string) => atob(image.replace(/^data:image\/svg\+xml;base64,/, ""))

describe("drawCaptchaImage", () => {
  it("draws the digits as strokes, so the answer is not in the markup", () => {
    const svg = decode(drawCaptchaImage("40213", createSeededRandomBytes(1)))
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    expect(svg).not.toContain("40213")
    expect(svg).not.toContain("<text")
    // Five glyphs over four noise curves.
    expect(svg.match(/stroke-width="2.6"/g)).toHaveLength(5)
  })

  it("draws different answers differently", () => {
    const random = () => createSeededRandomBytes(3)
    expect(drawCaptchaImage("11111", random())).not.toBe(drawCaptchaImage("88888", random()))
  })
})
