import type { SignInOptions } from "@latchkey/core"
import { useEffect, useMemo } from "react"
import { type UseFormReturn, useForm } from "react-hook-form"
import type { Messages } from "./messages"
import type { SignInFieldModel, SignInValues } from "./signInFieldModel"
import { signInSchema } from "./signInSchema"
import { useLatestResolver } from "./useLatestResolver"

/** The typed values, checked against what the server offers now. */
export function useSignInValues(
  model: SignInFieldModel,
  options: SignInOptions | undefined,
  messages: Messages,
  defaultIdentifier: string | undefined,
): UseFormReturn<SignInValues> {
  const schema = useMemo(
    () => (options ? signInSchema(model, options, messages) : undefined),
    [model, options, messages],
  )
  const resolver = useLatestResolver<SignInValues>(schema)
  const form = useForm<SignInValues>({
    resolver,
    defaultValues: {
      server: options?.server ?? "",
      identifier: defaultIdentifier ?? "",
      password: "",
      code: "",
      captcha: "",
    },
    mode: "onSubmit",
    reValidateMode: "onChange",
  })
  // A discovered server fills the server field unless the user already typed one.
  const { getFieldState, setValue } = form
  const server = options?.server
  useEffect(() => {
    if (server && !getFieldState("server").isDirty) setValue("server", server)
  }, [server, getFieldState, setValue])
  return form
}
