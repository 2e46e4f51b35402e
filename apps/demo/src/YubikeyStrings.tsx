import { useState, useSyncExternalStore } from "react"
import { fillSignInForm } from "./fillSignInForm"
import type { AccountContext } from "./vendors"

/** A demo YubiKey: its strings in order, each typed once. */
export interface DemoKey {
  readonly strings: readonly string[]
  /** How many strings this page has typed. */
  typed(): number
  subscribe(listener: () => void): () => void
  /** The next string, as a touch of the key gives it; `undefined` once all are used. */
  touch(): string | undefined
}

/**
 * The strings a demo YubiKey types, one per touch. The emulator accepts each once and remembers it while it runs;
 * this page counts the ones it typed (a reload starts again at the first, which the emulator then refuses).
 */
export function createDemoKey(strings: readonly string[]): DemoKey {
  let typed = 0
  const listeners = new Set<() => void>()
  return {
    strings,
    typed: () => typed,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    touch() {
      const next = strings[typed]
      if (next === undefined) return undefined
      typed++
      for (const listener of listeners) listener()
      return next
    },
  }
}

/** The key's strings, the used ones struck through, and a touch that types the next one and presses Enter. */
export function YubikeyStrings({
  demoKey,
  context,
}: {
  demoKey: DemoKey
  context: AccountContext
}) {
  const typed = useSyncExternalStore(demoKey.subscribe, demoKey.typed, demoKey.typed)
  const left = demoKey.strings.length - typed
  const [hint, setHint] = useState("")
  const touch = () => {
    const area = context.formArea.current
    if (area?.querySelector('[data-kind="yubikey"]') == null) {
      setHint("Nothing asks for the key now: sign in as Yuki first.")
      return
    }
    const otp = demoKey.touch()
    if (otp === undefined) return
    setHint("")
    // A real key types its string and presses Enter.
    if (fillSignInForm(area, { code: otp }))
      area.querySelector<HTMLButtonElement>('button[type="submit"]')?.click()
  }
  return (
    <div className="totp yubikey">
      <div className="totp-row">
        <span className="totp-label">YubiKey</span>
        <span className="totp-remaining">
          {left} of {demoKey.strings.length} strings left
        </span>
      </div>
      <ol className="yubikey-strings">
        {demoKey.strings.map((otp, index) => (
          <li key={otp} data-used={index < typed}>
            <code>{otp}</code>
            {index < typed ? <span className="visually-hidden"> (used)</span> : null}
          </li>
        ))}
      </ol>
      <div className="yubikey-touch">
        <button
          type="button"
          className="button small"
          disabled={!context.canFill || left === 0}
          onClick={touch}
        >
          Touch the key
        </button>
        <span className="muted small" aria-live="polite">
          {hint || "On the second step: types the next string and Enter."}
        </span>
      </div>
    </div>
  )
}
