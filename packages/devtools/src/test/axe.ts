import axe from "axe-core"

/** The accessibility violations axe finds in `container`, one line each, for a readable failure. */
export async function axeViolations(container: Element): Promise<string[]> {
  const result = await axe.run(container, {
    // jsdom computes no styles or colours, so contrast cannot be judged here (the browser suite checks it).
    rules: { "color-contrast": { enabled: false } },
  })
  return result.violations.map(
    (violation) =>
      `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  )
}
