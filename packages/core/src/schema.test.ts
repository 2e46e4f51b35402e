import { describe, expect, expectTypeOf, it } from "vitest"
import * as v from "./schema"

const userSchema = v.object({
  id: v.string().check(v.minLength(1)),
  name: v.optional(v.string()),
  age: v.nullable(v.int()),
  roles: v.array(v.union([v.literal("admin"), v.literal("user")])),
  extra: v.optional(v.record(v.boolean())),
})

describe("schema", () => {
  it("parses a valid value and infers its type", () => {
    const result = userSchema.safeParse({
      id: "a",
      age: null,
      roles: ["admin"],
      extra: { x: true },
    })
    expect(result).toEqual({
      success: true,
      data: { id: "a", age: null, roles: ["admin"], extra: { x: true } },
    })
    expectTypeOf<v.infer<typeof userSchema>>().toEqualTypeOf<{
      id: string
      age: number | null
      roles: ("admin" | "user")[]
      name?: string | undefined
      extra?: Record<string, boolean> | undefined
    }>()
  })

  it("says where a value failed and what was expected", () => {
    expect(userSchema.safeParse({ id: "a", age: 1.5, roles: [] })).toEqual({
      success: false,
      error: { path: ".age", expected: "integer" },
    })
    expect(userSchema.safeParse({ id: "a", age: 1, roles: ["root"] })).toMatchObject({
      success: false,
      error: { path: ".roles[0]" },
    })
    expect(userSchema.safeParse({ id: "", age: 1, roles: [] })).toMatchObject({
      error: { path: ".id", expected: "length ≥ 1" },
    })
    expect(userSchema.safeParse([])).toMatchObject({ error: { expected: "object" } })
    expect(v.number().safeParse(Number.NaN).success).toBe(false)
    expect(v.string().check(v.regex(/^\d+$/)).safeParse("12a").success).toBe(false)
  })

  it("keeps only declared keys, so hostile extras never reach the adapter", () => {
    const parsed = v
      .object({ id: v.string() })
      .safeParse(JSON.parse('{"id":"a","__proto__":{"admin":true},"x":1}'))
    expect(parsed).toEqual({ success: true, data: { id: "a" } })
    expect(Object.getPrototypeOf(parsed.success && parsed.data)).toBe(Object.prototype)
  })

  it("does not read inherited keys as present", () => {
    const proto = { token: "inherited" }
    expect(v.object({ token: v.string() }).safeParse(Object.create(proto)).success).toBe(false)
  })
})
