import { type FormEvent, useEffect, useId, useRef, useState } from "react"
import { changeLifetimes, type EmulatorLifetimes, fetchLifetimes } from "./lifetimesApi"
import { updateSettings } from "./settingsStore"
import { useSettings } from "./useSettings"
import { emulatorUrl, liveConnections } from "./vendorConnections"
import { type VendorEntry, vendors } from "./vendors"

/** Points vendors at real servers, and sets the emulators' token lifetimes. */
export function SettingsScreen() {
  return (
    <>
      <div className="page-intro">
        <h1>Settings</h1>
        <p className="lede">
          Servers are kept in this browser; changing one rebuilds that vendor's client, and its
          session stays with the server it came from. The emulators' settings belong to the demo's
          server: they change for every browser using it.
        </p>
      </div>
      <div className="settings-grid">
        <section className="card" aria-labelledby="servers-heading">
          <h2 id="servers-heading">Servers</h2>
          <p className="muted">
            Leave a field empty to use the built-in emulator. A real server must allow this page's
            origin (CORS).
          </p>
          <div className="stack">
            {vendors.map((vendor) => (
              <ServerForm key={vendor.id} vendor={vendor} />
            ))}
          </div>
        </section>
        <LifetimesForm />
      </div>
    </>
  )
}

function ServerForm({ vendor }: { vendor: VendorEntry }) {
  const configured = useSettings().servers[vendor.id] ?? ""
  const [value, setValue] = useState(configured)
  const [message, setMessage] = useState("")
  const [error, setError] = useState("")
  const id = useId()
  useEffect(() => setValue(configured), [configured])

  const save = (next: string) => {
    updateSettings((settings) => {
      const servers = { ...settings.servers }
      if (next === "") delete servers[vendor.id]
      else servers[vendor.id] = next
      return { ...settings, servers }
    })
    setMessage(next === "" ? `${vendor.name} uses its emulator.` : `${vendor.name} uses ${next}.`)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const typed = value.trim()
    if (
      typed !== "" &&
      !/^https?:\/\/\S+$/i.test(typed) &&
      !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(typed)
    ) {
      setError("Enter an address such as https://server.example.org.")
      return
    }
    setError("")
    save(typed)
  }
  return (
    <form className="server-form" onSubmit={submit} noValidate aria-label={`${vendor.name} server`}>
      <div className="field">
        <label htmlFor={`${id}-server`}>{vendor.name} server</label>
        <input
          id={`${id}-server`}
          className="input"
          type="text"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          placeholder={vendor.serverPlaceholder}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        />
        <p id={`${id}-hint`} className="muted small">
          Empty: the emulator at <code className="break">{emulatorUrl(vendor)}</code>
        </p>
        {error ? (
          <p id={`${id}-error`} className="error small">
            {error}
          </p>
        ) : null}
      </div>
      {vendor.serverPresets?.map((preset) => {
        const url = preset.url(new URL(window.location.origin))
        return (
          <div key={preset.label} className="preset">
            <button
              type="button"
              className="button secondary small"
              disabled={configured === url}
              onClick={() => {
                setValue(url)
                setError("")
                save(url)
              }}
            >
              {preset.label}
            </button>
            <p className="muted small">{preset.description}</p>
          </div>
        )
      })}
      <div className="actions">
        <button type="submit" className="button">
          Save
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={configured === ""}
          onClick={() => {
            setValue("")
            setError("")
            save("")
          }}
        >
          Use the emulator
        </button>
        <span className="muted small break" aria-live="polite">
          {message}
        </span>
      </div>
    </form>
  )
}

const presets: readonly { id: string; label: string; hint: string; ttl: number | null }[] = [
  {
    id: "default",
    label: "Each server's default",
    hint: "Matrix 5 min, Cloudreve 1 h, Polario 15 min",
    ttl: null,
  },
  { id: "minute", label: "1 minute", hint: "renewed 12 s before expiry", ttl: 60_000 },
  { id: "quarter", label: "15 seconds", hint: "renewed 3 s before expiry", ttl: 15_000 },
]

/** Polario's SCRAM iteration counts worth trying: every sign-in derives its key from the password this often. */
const iterationPresets: readonly { value: number; label: string; hint: string }[] = [
  { value: 4096, label: "4 096", hint: "the emulator's default: quick" },
  {
    value: 600_000,
    label: "600 000",
    hint: "what OWASP asks of PBKDF2-SHA-256: a real server's cost, on this device",
  },
  { value: 1000, label: "1 000", hint: "below the client's floor of 4 096: sign-in is refused" },
]

function LifetimesForm() {
  const [current, setCurrent] = useState<EmulatorLifetimes | undefined>(undefined)
  const [draft, setDraft] = useState<EmulatorLifetimes | undefined>(undefined)
  const [status, setStatus] = useState("")
  const [isUnavailable, setUnavailable] = useState(false)
  const [isPending, setPending] = useState(false)
  const name = useId()
  const iterationsName = useId()

  useEffect(() => {
    fetchLifetimes()
      .then((lifetimes) => {
        setCurrent(lifetimes)
        setDraft(lifetimes)
      })
      .catch(() => setUnavailable(true))
  }, [])

  // The Apply button is disabled while the emulators restart and after (nothing left to apply): the status,
  // which says what happened, keeps the focus instead of the page's start.
  const statusLine = useRef<HTMLSpanElement>(null)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (draft === undefined) return
    statusLine.current?.focus()
    setStatus("")
    setPending(true)
    try {
      const applied = await changeLifetimes(draft)
      setCurrent(applied)
      // The new emulators know none of the old tokens: sign the emulator sessions out here and in other tabs.
      await Promise.all(
        liveConnections()
          .filter((connection) => connection.isEmulator)
          .map((connection) => connection.client.signOut()),
      )
      setStatus("The emulators restarted with the new settings. Everyone was signed out.")
    } catch {
      setStatus("The emulators could not be restarted.")
    } finally {
      setPending(false)
    }
  }

  const isChanged =
    draft !== undefined &&
    (draft.accessTokenTtlMs !== current?.accessTokenTtlMs ||
      draft.issuesRefreshTokens !== current?.issuesRefreshTokens ||
      draft.scramIterations !== current?.scramIterations)
  const presetMatches = (ttl: number | null) => draft?.accessTokenTtlMs === ttl

  return (
    <section className="card" aria-labelledby="lifetimes-heading">
      <h2 id="lifetimes-heading">Emulators</h2>
      <p className="muted">
        Short lifetimes let you watch refresh and re-authentication in seconds; more SCRAM
        iterations let you feel what checking a Polario password costs. Applying restarts every
        built-in emulator.
      </p>
      {isUnavailable ? (
        <p className="notice">
          Not available here: the emulators run only in the demo's dev and preview servers.
        </p>
      ) : draft === undefined ? (
        <p className="muted">Loading…</p>
      ) : (
        <form className="stack" onSubmit={(event) => void submit(event)}>
          <fieldset className="choices">
            <legend>Access tokens live</legend>
            {presets.map((preset) => (
              <label key={preset.id} className="choice">
                <input
                  type="radio"
                  name={name}
                  checked={presetMatches(preset.ttl)}
                  onChange={() => setDraft({ ...draft, accessTokenTtlMs: preset.ttl })}
                />
                <span>
                  {preset.label} <span className="muted small">— {preset.hint}</span>
                </span>
              </label>
            ))}
            {presets.some((preset) => presetMatches(preset.ttl)) ? null : (
              <p className="muted small">
                Now: {draft.accessTokenTtlMs === null ? "default" : `${draft.accessTokenTtlMs} ms`}{" "}
                (set through the control route).
              </p>
            )}
          </fieldset>
          <label className="choice">
            <input
              type="checkbox"
              checked={!draft.issuesRefreshTokens}
              onChange={(event) =>
                setDraft({ ...draft, issuesRefreshTokens: !event.target.checked })
              }
            />
            <span>
              Matrix issues no refresh tokens{" "}
              <span className="muted small">— asks for the password again before expiry</span>
            </span>
          </label>
          <fieldset className="choices">
            <legend>Polario's SCRAM iterations</legend>
            {iterationPresets.map((preset) => (
              <label key={preset.value} className="choice">
                <input
                  type="radio"
                  name={iterationsName}
                  checked={draft.scramIterations === preset.value}
                  onChange={() => setDraft({ ...draft, scramIterations: preset.value })}
                />
                <span>
                  {preset.label} <span className="muted small">— {preset.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="actions">
            <button type="submit" className="button" disabled={!isChanged || isPending}>
              {isPending ? "Restarting…" : "Apply and restart emulators"}
            </button>
            <span
              ref={statusLine}
              tabIndex={-1}
              className="muted small"
              aria-live="polite"
              data-lifetimes-status
            >
              {status}
            </span>
          </div>
        </form>
      )}
    </section>
  )
}
