import { type RefObject, useEffect, useId, useRef } from "react"

/** What a step's heading element takes. */
export interface StepHeadingProps {
  readonly id: string
  readonly ref: RefObject<HTMLHeadingElement | null>
  readonly tabIndex: -1
}

/** A step's heading: focusable by script, and focused when the step appears if asked to. */
export function useStepHeading(focusOnMount: boolean): { id: string; props: StepHeadingProps } {
  const id = useId()
  const ref = useRef<HTMLHeadingElement | null>(null)
  useEffect(() => {
    if (focusOnMount) ref.current?.focus()
  }, [focusOnMount])
  return { id: `${id}-heading`, props: { id: `${id}-heading`, ref, tabIndex: -1 } }
}
