import { isAuthError } from "@latchkey/core"
import { useAuthFetch } from "@latchkey/react"
import { useId, useState } from "react"

type CallResult =
  | { readonly type: "idle" }
  | { readonly type: "pending" }
  | { readonly type: "answered"; readonly status: number; readonly body: string }
  | { readonly type: "failed"; readonly message: string }

/** Keys whose values are credentials: never shown, whatever a server sends back. */
const secretKey = /token|secret|password|otp|session/i

function readable(text: string): string {
  try {
    const value: unknown = JSON.parse(text)
    return JSON.stringify(value, (key, inner) => (secretKey.test(key) ? "•••" : inner), 2)
  } catch {
    return text.slice(0, 500)
  }
}

/** A protected request through `useAuthFetch`: credentials attached, refreshed once on expiry. */
export function ProtectedCall({
  url,
  label,
  note,
}: {
  url: string | undefined
  label: string
  /** Why this call, when the vendor's API makes that worth saying. */
  note?: string | undefined
}) {
  const authFetch = useAuthFetch()
  const [result, setResult] = useState<CallResult>({ type: "idle" })
  const resultId = useId()
  const call = async () => {
    if (url === undefined) return
    setResult({ type: "pending" })
    try {
      const response = await authFetch(url)
      setResult({
        type: "answered",
        status: response.status,
        body: readable(await response.text()),
      })
    } catch (error) {
      // The server's reason for refusing the token (another realm's, bound to another address) says the most.
      const reason = isAuthError(error) ? error.serverMessage : undefined
      setResult({
        type: "failed",
        message:
          error instanceof Error
            ? `${error.message}${reason ? ` — the server says “${reason}”` : ""}`
            : "The request failed.",
      })
    }
  }
  return (
    <div className="protected-call">
      <div className="protected-call-head">
        <button
          type="button"
          className="button secondary"
          onClick={() => void call()}
          disabled={url === undefined || result.type === "pending"}
          aria-describedby={resultId}
        >
          Call the API
        </button>
        <code className="muted">{label}</code>
      </div>
      {note ? <p className="muted small">{note}</p> : null}
      <div id={resultId} className="call-result" aria-live="polite" data-state={result.type}>
        {(() => {
          switch (result.type) {
            case "idle":
              return <p className="muted small">A protected call with the session's credentials.</p>
            case "pending":
              return <p className="muted small">Calling…</p>
            case "answered":
              return (
                <>
                  <p className="small">
                    HTTP <strong data-status={result.status}>{result.status}</strong>
                  </p>
                  {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard. */}
                  <section className="code-block" tabIndex={0} aria-label="Response body">
                    <pre>{result.body}</pre>
                  </section>
                </>
              )
            case "failed":
              return <p className="error small">{result.message}</p>
            default:
              return result satisfies never
          }
        })()}
      </div>
    </div>
  )
}
