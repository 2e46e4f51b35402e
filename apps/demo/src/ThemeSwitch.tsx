import { useId } from "react"
import { type ThemeChoice, updateSettings } from "./settingsStore"
import { useSettings } from "./useSettings"

const choices: readonly { value: ThemeChoice; label: string }[] = [
  { value: "system", label: "Auto" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
]

/** Follow the system's theme, or force light or dark; remembered in this browser. */
export function ThemeSwitch() {
  const { theme } = useSettings()
  const name = useId()
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">Theme</legend>
      {choices.map((choice) => (
        <label key={choice.value} className="segment">
          <input
            type="radio"
            name={name}
            value={choice.value}
            checked={theme === choice.value}
            onChange={() => updateSettings((settings) => ({ ...settings, theme: choice.value }))}
          />
          <span>{choice.label}</span>
        </label>
      ))}
    </fieldset>
  )
}
