import { useEffect, useMemo, useRef, useSyncExternalStore } from "react"

/**
 * `useSyncExternalStore` with a selector: the component re-renders only when the selection changes by
 * `isEqual`. A selector that returns a fresh but equal object gets the previous one back, so React sees
 * no change (the wrong version — selecting inside `getSnapshot` without this memo — loops forever).
 */
export function useSelectedStore<Snapshot, Selected>(
  subscribe: (onChange: () => void) => () => void,
  getSnapshot: () => Snapshot,
  getServerSnapshot: () => Snapshot,
  select: (snapshot: Snapshot) => Selected,
  isEqual: (a: Selected, b: Selected) => boolean,
): Selected {
  const rendered = useRef<{ value: Selected } | null>(null)
  const [getSelection, getServerSelection] = useMemo(() => {
    let memo: { snapshot: Snapshot; value: Selected } | null = null
    const selectOnce = (snapshot: Snapshot): Selected => {
      if (memo && Object.is(memo.snapshot, snapshot)) return memo.value
      const next = select(snapshot)
      const previous = memo ?? rendered.current
      const value = previous && isEqual(previous.value, next) ? previous.value : next
      memo = { snapshot, value }
      return value
    }
    return [() => selectOnce(getSnapshot()), () => selectOnce(getServerSnapshot())]
  }, [getSnapshot, getServerSnapshot, select, isEqual])
  const value = useSyncExternalStore(subscribe, getSelection, getServerSelection)
  useEffect(() => {
    rendered.current = { value }
  }, [value])
  return value
}
