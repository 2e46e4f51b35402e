import type { AdapterContext } from "../../adapter"
import { AuthError } from "../../authError"
import { jsonRequest, sendJson } from "../../sendJson"
import {
  filescomRefusal,
  regionMismatchType,
  twoFactorType,
  filescomVendor as vendor,
} from "./filescomError"
import {
  type FilescomErrorBody,
  filescomSessionSchema,
  readFilescomError,
  regionDataSchema,
  twoFactorDataSchema,
} from "./filescomSchemas"

/** The fields of a `POST /sessions` body the adapter sends. */
export interface SessionFields {
  readonly username: string
  readonly password?: string | undefined
  readonly otp?: string | undefined
  readonly partial_session_id?: string | undefined
}

/** What `POST /sessions` answered, when it was not a plain refusal. */
export type SessionAnswer =
  | { readonly type: "session"; readonly id: string }
  | {
      readonly type: "twoFactor"
      readonly partialSessionId: string
      /** The user's methods as the server names them, in its order. */
      readonly methods: readonly string[]
    }
  | { readonly type: "regionMismatch"; readonly host: string }

/** An answer that is not a region mismatch: a session, or a request for the second factor. */
export type SiteAnswer = Exclude<SessionAnswer, { type: "regionMismatch" }>

/**
 * Sends `POST <baseUrl>/api/rest/v1/sessions` as JSON, as the official SDKs do (never with `X-FilesAPI-Key`). A
 * second-factor request and a region mismatch are answers; every other refusal is thrown as the vendor's
 * `AuthError`, which never carries the request (its password or code).
 */
export async function postSession(
  ctx: AdapterContext,
  baseUrl: string,
  fields: SessionFields,
): Promise<SessionAnswer> {
  const refused: { body?: FilescomErrorBody | undefined } = {}
  const request = jsonRequest(`${baseUrl}/api/rest/v1/sessions`, { body: fields })
  try {
    const { body } = await sendJson(ctx, request, filescomSessionSchema, {
      vendor,
      refusal: (refusal) => {
        refused.body = readFilescomError(refusal.json)
        return filescomRefusal(refusal, refused.body, ctx.now())
      },
    })
    return { type: "session", id: body.id }
  } catch (error) {
    const answer = refused.body && answerOf(refused.body)
    if (answer) return answer
    throw error
  }
}

function answerOf(body: FilescomErrorBody): SessionAnswer | undefined {
  switch (body.type) {
    case twoFactorType: {
      const data = twoFactorDataSchema.safeParse(body.data)
      if (!data.success) throw new AuthError("invalid_response", { vendor, status: 401 })
      return {
        type: "twoFactor",
        partialSessionId: data.data.partial_session_id,
        methods: data.data.two_factor_authentication_methods,
      }
    }
    case regionMismatchType: {
      const data = regionDataSchema.safeParse(body.data)
      return data.success ? { type: "regionMismatch", host: data.data.host } : undefined
    }
    default:
      return undefined
  }
}
