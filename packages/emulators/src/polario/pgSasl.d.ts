/** The SCRAM client inside `pg` (untyped), used by tests as an implementation independent of ours. */
declare module "pg/lib/crypto/sasl.js" {
  interface PgSaslSession {
    readonly mechanism: string
    readonly clientNonce: string
    /** The message to send next: client-first, then client-final. */
    readonly response: string
    readonly message: string
  }
  const sasl: {
    startSession(mechanisms: readonly string[], stream?: unknown): PgSaslSession
    continueSession(session: PgSaslSession, password: string, serverData: string): Promise<void>
    finalizeSession(session: PgSaslSession, serverData: string): void
  }
  export default sasl
}
