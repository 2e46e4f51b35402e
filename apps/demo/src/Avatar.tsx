/** A person's initials in a circle. Decorative: the name is always written beside it. */
export function Avatar({ name }: { name: string }) {
  // "@alice:example.org" → "A": the Matrix ID's local part, not its sigil or server.
  const initials = name
    .replace(/^@/, "")
    .replace(/:.*$/, "")
    .split(/\s+/)
    .map((part) => part.charAt(0))
    .join("")
    .slice(0, 2)
    .toUpperCase()
  return (
    <span className="avatar" aria-hidden="true">
      {initials}
    </span>
  )
}
