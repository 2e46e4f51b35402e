import type { RandomBytes } from "../randomBytes"

type Segment = "a" | "b" | "c" | "d" | "e" | "f" | "g"

/** Which of the seven segments each digit lights. */
const digitSegments: Readonly<Record<string, readonly Segment[]>> = {
  "0": ["a", "b", "c", "d", "e", "f"],
  "1": ["b", "c"],
  "2": ["a", "b", "g", "e", "d"],
  "3": ["a", "b", "g", "c", "d"],
  "4": ["f", "g", "b", "c"],
  "5": ["a", "f", "g", "c", "d"],
  "6": ["a", "f", "g", "e", "d", "c"],
  "7": ["a", "b", "c"],
  "8": ["a", "b", "c", "d", "e", "f", "g"],
  "9": ["a", "b", "c", "d", "f", "g"],
}

const glyphWidth = 12
const glyphHeight = 22
const segmentLines: Readonly<Record<Segment, string>> = {
  a: `M0 0L${glyphWidth} 0`,
  b: `M${glyphWidth} 0L${glyphWidth} ${glyphHeight / 2}`,
  c: `M${glyphWidth} ${glyphHeight / 2}L${glyphWidth} ${glyphHeight}`,
  d: `M0 ${glyphHeight}L${glyphWidth} ${glyphHeight}`,
  e: `M0 ${glyphHeight / 2}L0 ${glyphHeight}`,
  f: `M0 0L0 ${glyphHeight / 2}`,
  g: `M0 ${glyphHeight / 2}L${glyphWidth} ${glyphHeight / 2}`,
}

const width = 120
const height = 40

/**
 * Draws `answer` (digits) as a small distorted SVG, returned as a base64 data image like Cloudreve's captcha.
 * The digits are strokes, not text, so the answer is not in the markup.
 *
 * @example
 * const image = drawCaptchaImage("40213", random) // "data:image/svg+xml;base64,…"
 */
export function drawCaptchaImage(answer: string, random: RandomBytes): string {
  const bytes = random(answer.length * 4 + 24)
  let cursor = 0
  const next = (span: number) => ((bytes[cursor++] ?? 0) / 255) * span
  const color = () => `hsl(${Math.round(next(360))} 55% ${Math.round(25 + next(20))}%)`

  const noise: string[] = []
  for (let line = 0; line < 4; line++) {
    noise.push(
      `<path d="M${next(width).toFixed(1)} ${next(height).toFixed(1)}Q${next(width).toFixed(1)} ${next(height).toFixed(1)} ${next(width).toFixed(1)} ${next(height).toFixed(1)}" stroke="${color()}" stroke-width="1.2" fill="none"/>`,
    )
  }
  const glyphs = [...answer].map((char, index) => {
    const segments = digitSegments[char] ?? []
    const x = 10 + index * 21 + next(4)
    const y = 8 + next(6)
    const angle = next(30) - 15
    return `<path d="${segments.map((segment) => segmentLines[segment]).join("")}" transform="translate(${x.toFixed(1)} ${y.toFixed(1)}) rotate(${angle.toFixed(1)} ${glyphWidth / 2} ${glyphHeight / 2})" stroke="${color()}" stroke-width="2.6" stroke-linecap="round" fill="none"/>`
  })
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="${width}" height="${height}" fill="#f3f1ea"/>${noise.join("")}${glyphs.join("")}</svg>`
  return `data:image/svg+xml;base64,${btoa(svg)}`
}
