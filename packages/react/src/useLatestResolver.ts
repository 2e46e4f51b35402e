import { standardSchemaResolver } from "@hookform/resolvers/standard-schema"
import { useMemo, useRef } from "react"
import type { FieldValues, Resolver } from "react-hook-form"

/** A Standard Schema (zod's among them) of a form's values. */
type Schema<Values extends FieldValues> = Parameters<
  typeof standardSchemaResolver<Values, unknown, Values>
>[0]

/**
 * A react-hook-form resolver that always validates with the latest `schema`: the schema follows what the server
 * offers (another server typed, another second-factor method chosen) while the form, and its resolver, stay.
 * Without a schema yet, everything passes.
 */
export function useLatestResolver<Values extends FieldValues>(
  schema: Schema<Values> | undefined,
): Resolver<Values> {
  const latest = useRef(schema)
  latest.current = schema
  return useMemo<Resolver<Values>>(
    () => async (values, context, options) =>
      latest.current
        ? standardSchemaResolver<Values, unknown, Values>(latest.current)(values, context, options)
        : { values, errors: {} },
    [],
  )
}
