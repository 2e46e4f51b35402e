// The core's own zod/mini-shaped parser: zod/mini itself would take half the bundle budget.
import * as z from "../../schema"

const nonNegative: z.Check<number> = { test: (value) => value >= 0, expected: "≥ 0" }
const durationMsSchema = z.int().check(nonNegative)

/** An identity provider of the `m.login.sso` flow. */
export const identityProviderSchema = z.object({
  id: z.string(),
  name: z.string(),
  icon: z.optional(z.string()),
  brand: z.optional(z.string()),
})

/** `GET /login`: the login types the homeserver offers. */
export const loginFlowsSchema = z.object({
  flows: z.array(
    z.object({
      type: z.string(),
      get_login_token: z.optional(z.boolean()),
      identity_providers: z.optional(z.array(identityProviderSchema)),
    }),
  ),
})
export type LoginFlows = z.infer<typeof loginFlowsSchema>

/** `POST /login` succeeded. */
export const loginResponseSchema = z.object({
  user_id: z.string().check(z.regex(/^@/)),
  access_token: z.string().check(z.minLength(1)),
  device_id: z.string().check(z.minLength(1)),
  refresh_token: z.optional(z.string().check(z.minLength(1))),
  expires_in_ms: z.optional(durationMsSchema),
})

/** `POST /refresh` succeeded. */
export const refreshResponseSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.optional(z.string().check(z.minLength(1))),
  expires_in_ms: z.optional(durationMsSchema),
})

/** `GET /account/whoami`. */
export const whoamiSchema = z.object({
  user_id: z.string(),
  device_id: z.optional(z.string()),
  is_guest: z.optional(z.boolean()),
})

/** A Matrix error body; the extra keys are those a client acts on. */
export const matrixErrorSchema = z.object({
  errcode: z.string(),
  error: z.optional(z.string()),
  soft_logout: z.optional(z.boolean()),
  retry_after_ms: z.optional(durationMsSchema),
})
export type MatrixErrorBody = z.infer<typeof matrixErrorSchema>

/** A 401 of the user-interactive authentication API: what is still to be proven. */
export const userInteractiveAuthSchema = z.object({
  flows: z.array(z.object({ stages: z.array(z.string()) })),
  session: z.optional(z.string()),
  completed: z.optional(z.array(z.string())),
  errcode: z.optional(z.string()),
})

/** `GET /.well-known/matrix/client`. */
export const wellKnownSchema = z.object({
  "m.homeserver": z.object({ base_url: z.string() }),
})

/** `GET /capabilities`, the part about login tokens. */
export const capabilitiesSchema = z.object({
  capabilities: z.object({
    "m.get_login_token": z.optional(z.object({ enabled: z.boolean() })),
  }),
})

/** `POST /login/get_token` succeeded. */
export const loginTokenSchema = z.object({
  login_token: z.string().check(z.minLength(1)),
  expires_in_ms: durationMsSchema,
})

/** What a Matrix session keeps: where the homeserver is, who and which device, and the tokens. */
export const matrixCredentialsSchema = z.object({
  homeserver: z.string(),
  userId: z.string(),
  deviceId: z.string(),
  accessToken: z.string(),
  refreshToken: z.optional(z.string()),
})
/** The credentials of a Matrix session, as stored and broadcast (the access and refresh tokens included). */
export type MatrixCredentials = z.infer<typeof matrixCredentialsSchema>
