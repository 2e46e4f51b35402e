import { type RefObject, useEffect, useId, useRef } from "react"

/** A step's heading: focusable by script, and focused when the step appears if asked to. */
export function useStepHeading(focusOnMount: boolean): {
  id: string
  props: { id: string; ref: RefObject<HTMLHeadingElement | null>; tabIndex: -1 }
} {
  const id = useId()
  const ref = useRef<HTMLHeadingElement | null>(null)
  useEffect(() => {
    if (focusOnMount) ref.current?.focus()
  }, [focusOnMount])
  return { id: `${id}-heading`, props: { id: `${id}-heading`, ref, tabIndex: -1 } }
}
