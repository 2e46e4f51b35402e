/** RFC 3454 table C.1.2: spaces other than U+0020, which SASLprep turns into U+0020. */
const nonAsciiSpace = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g

/** RFC 3454 table B.1: characters "commonly mapped to nothing" (soft hyphen, joiners, variation selectors…). */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: the joiners and selectors are what the table lists.
const mappedToNothing = /[\u00AD\u034F\u1806\u180B-\u180D\u200C\u200D\u2060\uFE00-\uFE0F\uFEFF]/g

/**
 * The mapping and normalisation steps of SASLprep (RFC 4013 §2.1–2.2), which are all that change a password a
 * server stores. Written out here rather than taken from a library: the emulator checks clients, so its idea of a
 * prepared password must not come from the same code a client uses.
 *
 * @example
 * saslprepMapping("ｐａｓｓ\u00ADword") // "password"
 */
export function saslprepMapping(password: string): string {
  return password.replace(nonAsciiSpace, " ").replace(mappedToNothing, "").normalize("NFKC")
}
