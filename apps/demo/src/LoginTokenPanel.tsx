import { type AuthClient, isAuthError } from "@latchkey/core"
import {
  canCreateLoginToken,
  createLoginToken,
  type MatrixCredentials,
} from "@latchkey/core/matrix"
import { useQuery } from "@tanstack/react-query"
import { type FormEvent, type RefObject, useEffect, useId, useRef, useState } from "react"
import { formatDuration } from "./formatDuration"
import { useNow } from "./useNow"

type TokenState =
  | { readonly type: "closed" }
  | { readonly type: "asking"; readonly error?: string | undefined; readonly isPending: boolean }
  | { readonly type: "created"; readonly token: string; readonly expiresAt: number }

/** Matrix: a single-use login token for signing in on another device, after proving the password again. */
export function LoginTokenPanel({ client }: { client: AuthClient<MatrixCredentials> }) {
  const userId = client.getSnapshot().session?.user.id
  const [state, setState] = useState<TokenState>({ type: "closed" })
  // Asked when the user opens the panel, not on every sign-in.
  const capability = useQuery({
    queryKey: ["matrix", "users", userId, "canCreateLoginToken"],
    queryFn: () => canCreateLoginToken(client),
    enabled: userId !== undefined && state.type !== "closed",
    staleTime: Number.POSITIVE_INFINITY,
  })
  const [password, setPassword] = useState("")
  // Each change of step replaces the control that had the focus: hand it to what comes next (the password
  // field, again after a refusal; the copy button; back to "Create a login token"), never to the page.
  const passwordField = useRef<HTMLInputElement>(null)
  const createButton = useRef<HTMLButtonElement>(null)
  const copyButton = useRef<HTMLButtonElement>(null)
  const hasOpened = useRef(false)
  useEffect(() => {
    if (state.type === "asking" && !state.isPending) passwordField.current?.focus()
    else if (state.type === "created") copyButton.current?.focus()
    else if (state.type === "closed" && hasOpened.current) createButton.current?.focus()
    if (state.type !== "closed") hasOpened.current = true
  }, [state])
  const headingId = useId()
  const passwordId = useId()
  const errorId = useId()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setState({ type: "asking", isPending: true })
    try {
      const started = Date.now()
      const { token, expiresInMs } = await createLoginToken(client, { password })
      setPassword("")
      setState({ type: "created", token, expiresAt: started + expiresInMs })
    } catch (error) {
      setState({
        type: "asking",
        isPending: false,
        error: isAuthError(error, "invalid_credentials")
          ? "The password is wrong."
          : "The homeserver did not create a token. Try again.",
      })
    }
  }

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Sign in on another device</h2>
      {capability.data === false ? (
        <p className="muted">This homeserver does not offer login tokens.</p>
      ) : state.type === "closed" ? (
        <>
          <p className="muted">
            A single-use login token lets another device sign in as you. The homeserver asks for
            your password again first.
          </p>
          <button
            ref={createButton}
            type="button"
            className="button secondary"
            onClick={() => setState({ type: "asking", isPending: false })}
          >
            Create a login token
          </button>
        </>
      ) : state.type === "asking" ? (
        <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
          <div className="field">
            <label htmlFor={passwordId}>Your password</label>
            <input
              ref={passwordField}
              id={passwordId}
              className="input"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={state.error ? true : undefined}
              aria-describedby={state.error ? errorId : undefined}
              required
            />
            {state.error ? (
              <p id={errorId} className="error small">
                {state.error}
              </p>
            ) : null}
          </div>
          <div className="actions">
            <button type="submit" className="button" disabled={state.isPending || password === ""}>
              {state.isPending ? "Creating…" : "Create token"}
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => setState({ type: "closed" })}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <CreatedToken
          copyButton={copyButton}
          token={state.token}
          expiresAt={state.expiresAt}
          onDone={() => setState({ type: "closed" })}
        />
      )}
    </section>
  )
}

function CreatedToken({
  copyButton,
  token,
  expiresAt,
  onDone,
}: {
  copyButton: RefObject<HTMLButtonElement | null>
  token: string
  expiresAt: number
  onDone: () => void
}) {
  const now = useNow(1000)
  const isExpired = now >= expiresAt
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no")
  const copy = () =>
    navigator.clipboard.writeText(token).then(
      () => setCopied("yes"),
      () => setCopied("failed"),
    )
  return (
    <div className="stack">
      {isExpired ? (
        <p className="muted">The token expired unused. Create another when you need one.</p>
      ) : (
        <>
          <p className="muted">
            Enter it on the other device within{" "}
            <strong data-expires-in>{formatDuration(expiresAt - now)}</strong>. It works once.
          </p>
          <code className="token" data-login-token>
            {token}
          </code>
        </>
      )}
      <div className="actions">
        {isExpired ? null : (
          <button ref={copyButton} type="button" className="button" onClick={() => void copy()}>
            Copy token
          </button>
        )}
        <button type="button" className="button secondary" onClick={onDone}>
          Done
        </button>
        <span className="muted small" role="status">
          {copied === "yes"
            ? "Copied."
            : copied === "failed"
              ? "Copying failed: select the token."
              : ""}
        </span>
      </div>
    </div>
  )
}
