import { jsonResponse } from "../jsonResponse"
import type { RandomBytes } from "../randomBytes"

/** Builds Cloudreve answers: always HTTP 200, the outcome in the envelope's `code`. */
export interface CloudreveEnvelope {
  success(data: unknown): Response
  failure(code: number, msg: string): Response
  /** The 2FA step: code 203 with the bare 2FA session id as `data`. */
  twoFactorRequired(sessionId: string): Response
}

/**
 * Creates the envelope builder; every answer carries a fresh `correlation_id`, as Cloudreve's do.
 *
 * @example
 * const envelope = createCloudreveEnvelope(random)
 * return envelope.failure(40080, "Incorrect password or email address")
 */
export function createCloudreveEnvelope(random: RandomBytes): CloudreveEnvelope {
  const correlationId = () => {
    const hex = [...random(16)].map((byte) => byte.toString(16).padStart(2, "0")).join("")
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }
  return {
    success: (data) => jsonResponse({ code: 0, data, msg: "", correlation_id: correlationId() }),
    failure: (code, msg) => jsonResponse({ code, msg, correlation_id: correlationId() }),
    twoFactorRequired: (sessionId) =>
      jsonResponse({ code: 203, data: sessionId, msg: "", correlation_id: correlationId() }),
  }
}
