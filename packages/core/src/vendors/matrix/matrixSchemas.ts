// The core's own zod/mini-shaped parser: zod/mini itself would take half the bundle budget.
import * as v from "../../schema"

const nonNegative: v.Check<number> = { test: (value) => value >= 0, expected: "≥ 0" }
const durationMsSchema = v.int().check(nonNegative)

/** An identity provider of the `m.login.sso` flow. */
export const identityProviderSchema = v.object({
  id: v.string(),
  name: v.string(),
  icon: v.optional(v.string()),
  brand: v.optional(v.string()),
})

/** `GET /login`: the login types the homeserver offers. */
export const loginFlowsSchema = v.object({
  flows: v.array(
    v.object({
      type: v.string(),
      get_login_token: v.optional(v.boolean()),
      identity_providers: v.optional(v.array(identityProviderSchema)),
    }),
  ),
})
export type LoginFlows = v.infer<typeof loginFlowsSchema>

/** `POST /login` succeeded. */
export const loginResponseSchema = v.object({
  user_id: v.string().check(v.regex(/^@/)),
  access_token: v.string().check(v.minLength(1)),
  device_id: v.string().check(v.minLength(1)),
  refresh_token: v.optional(v.string().check(v.minLength(1))),
  expires_in_ms: v.optional(durationMsSchema),
})

/** `POST /refresh` succeeded. */
export const refreshResponseSchema = v.object({
  access_token: v.string().check(v.minLength(1)),
  refresh_token: v.optional(v.string().check(v.minLength(1))),
  expires_in_ms: v.optional(durationMsSchema),
})

/** `GET /account/whoami`. */
export const whoamiSchema = v.object({
  user_id: v.string(),
  device_id: v.optional(v.string()),
  is_guest: v.optional(v.boolean()),
})

/** A Matrix error body; the extra keys are those a client acts on. */
export const matrixErrorSchema = v.object({
  errcode: v.string(),
  error: v.optional(v.string()),
  soft_logout: v.optional(v.boolean()),
  retry_after_ms: v.optional(durationMsSchema),
})
export type MatrixErrorBody = v.infer<typeof matrixErrorSchema>

/** A 401 of the user-interactive authentication API: what is still to be proven. */
export const userInteractiveAuthSchema = v.object({
  flows: v.array(v.object({ stages: v.array(v.string()) })),
  session: v.optional(v.string()),
  completed: v.optional(v.array(v.string())),
  errcode: v.optional(v.string()),
})
export type UserInteractiveAuth = v.infer<typeof userInteractiveAuthSchema>

/** `GET /.well-known/matrix/client`. */
export const wellKnownSchema = v.object({
  "m.homeserver": v.object({ base_url: v.string() }),
})

/** `GET /capabilities`, the part about login tokens. */
export const capabilitiesSchema = v.object({
  capabilities: v.object({
    "m.get_login_token": v.optional(v.object({ enabled: v.boolean() })),
  }),
})

/** `POST /login/get_token` succeeded. */
export const loginTokenSchema = v.object({
  login_token: v.string().check(v.minLength(1)),
  expires_in_ms: durationMsSchema,
})

/** What a Matrix session keeps: where the homeserver is, who and which device, and the tokens. */
export const matrixCredentialsSchema = v.object({
  homeserver: v.string(),
  userId: v.string(),
  deviceId: v.string(),
  accessToken: v.string(),
  refreshToken: v.optional(v.string()),
})
/** The credentials of a Matrix session, as stored and broadcast (the access and refresh tokens included). */
export type MatrixCredentials = v.infer<typeof matrixCredentialsSchema>
