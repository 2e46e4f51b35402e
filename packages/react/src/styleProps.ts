/** The parts of the forms that take a class name. */
export type FormPart =
  | "root"
  | "heading"
  | "description"
  | "form"
  | "field"
  | "label"
  | "input"
  | "hint"
  | "error"
  | "formError"
  | "actions"
  | "button"
  | "secondaryButton"
  | "reveal"
  | "captcha"
  | "captchaImage"
  | "sso"
  | "ssoButton"
  | "ssoIcon"
  | "divider"
  | "methods"
  | "method"
  | "countdown"
  | "status"

/** Styling props every component takes. */
export interface StyleProps {
  /** Leaves out Latchkey's class names (the stylesheet then styles nothing); `data-*` state attributes stay. */
  unstyled?: boolean | undefined
  /** Added to the root element. */
  className?: string | undefined
  /** Added to each part, by part name. */
  classNames?: Partial<Record<FormPart, string>> | undefined
}

/** The class names of one part: Latchkey's own (unless unstyled) and the app's. */
export function partClass(style: StyleProps, part: FormPart): string | undefined {
  const own = style.unstyled ? undefined : part === "root" ? "lk" : `lk-${part}`
  const names = [own, part === "root" ? style.className : undefined, style.classNames?.[part]]
  const joined = names.filter((name) => name !== undefined && name !== "").join(" ")
  return joined === "" ? undefined : joined
}
