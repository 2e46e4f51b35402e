import { useId } from "react"
import { updateSettings } from "./settingsStore"
import type { VendorEntry, VendorVariant } from "./vendors"

/** Switches a vendor's tab between its variants (SFTPGo's realms); each keeps its own session. Remembered here. */
export function VariantSwitch({
  vendor,
  current,
}: {
  vendor: VendorEntry
  current: VendorVariant
}) {
  const name = useId()
  const variants = vendor.variants
  if (variants === undefined) return null
  const choose = (id: string) =>
    updateSettings((settings) => ({
      ...settings,
      variants: { ...settings.variants, [vendor.id]: id },
    }))
  return (
    <div className="variant-line">
      <span className="variant-legend" aria-hidden="true">
        {variants.legend}
      </span>
      <fieldset className="segmented variant-switch" aria-describedby={`${name}-description`}>
        <legend className="visually-hidden">{variants.legend}</legend>
        {variants.choices.map((choice) => (
          <label key={choice.id} className="segment">
            <input
              type="radio"
              name={name}
              value={choice.id}
              checked={current.id === choice.id}
              onChange={() => choose(choice.id)}
            />
            <span>{choice.label}</span>
          </label>
        ))}
      </fieldset>
      <p id={`${name}-description`} className="muted small" data-variant={current.id}>
        {current.description}
      </p>
    </div>
  )
}
