/**
 * The devtools' stylesheet, rendered with them (one line of set-up, no CSS import). Restyle through the variables on
 * `.lkd` (`.lkd { --lkd-accent: teal }`); `data-theme="light" | "dark"` on `.lkd` or an ancestor forces a theme,
 * as with the forms of `@latchkey/react`.
 */
/** The dark theme's colours: followed from the system's setting, or forced by `data-theme="dark"`. */
const darkPalette = `
  --lkd-bg: #161b22;
  --lkd-surface: #0d1117;
  --lkd-fg: #e6edf3;
  --lkd-muted: #9da7b3;
  --lkd-border: #30363d;
  --lkd-accent: #58a6ff;
  --lkd-accent-fg: #0d1117;
  --lkd-ok: #3fb950;
  --lkd-bad: #ff7b72;
  --lkd-dev: #d2a8ff;
  --lkd-dev-fg: #0d1117;
  --lkd-focus: #79c0ff;`

export const devtoolsStyles = `
.lkd {
  --lkd-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --lkd-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  --lkd-size: 13px;
  --lkd-radius: 0.5rem;
  --lkd-z: 2147483000;
  --lkd-bg: #ffffff;
  --lkd-surface: #f6f8fa;
  --lkd-fg: #1b1f24;
  --lkd-muted: #57606a;
  --lkd-border: #d0d7de;
  --lkd-accent: #0b5cad;
  --lkd-accent-fg: #ffffff;
  --lkd-ok: #116329;
  --lkd-bad: #b3261e;
  --lkd-dev: #8250df;
  --lkd-dev-fg: #ffffff;
  --lkd-focus: #1f6feb;
  box-sizing: border-box;
  color: var(--lkd-fg);
  font-family: var(--lkd-font);
  font-size: var(--lkd-size);
  line-height: 1.45;
  text-align: start;
}
@media (prefers-color-scheme: dark) {
  .lkd {
${darkPalette}
  }
}
.lkd[data-theme="dark"],
[data-theme="dark"] .lkd:not([data-theme="light"]) {
${darkPalette}
}
.lkd[data-theme="light"],
[data-theme="light"] .lkd:not([data-theme="dark"]) {
  --lkd-bg: #ffffff;
  --lkd-surface: #f6f8fa;
  --lkd-fg: #1b1f24;
  --lkd-muted: #57606a;
  --lkd-border: #d0d7de;
  --lkd-accent: #0b5cad;
  --lkd-accent-fg: #ffffff;
  --lkd-ok: #116329;
  --lkd-bad: #b3261e;
  --lkd-dev: #8250df;
  --lkd-dev-fg: #ffffff;
  --lkd-focus: #1f6feb;
}
.lkd *, .lkd *::before, .lkd *::after { box-sizing: inherit; }
.lkd :focus-visible { outline: 2px solid var(--lkd-focus); outline-offset: 2px; }
.lkd code, .lkd .lkd-time, .lkd .lkd-path, .lkd .lkd-tag { font-family: var(--lkd-mono); font-size: 0.95em; }

.lkd-panel {
  display: flex;
  flex-direction: column;
  gap: 0.75rem;
  padding: 0.75rem 1rem 1rem;
  border: 1px solid var(--lkd-border);
  border-radius: var(--lkd-radius);
  background: var(--lkd-bg);
}
.lkd-floating {
  position: fixed;
  z-index: var(--lkd-z);
  width: min(34rem, calc(100vw - 2rem));
  max-height: min(44rem, calc(100vh - 2rem));
  overflow: auto;
  box-shadow: 0 12px 32px rgb(0 0 0 / 0.25);
}
.lkd-floating[data-position^="bottom"] { bottom: 1rem; }
.lkd-floating[data-position^="top"] { top: 1rem; }
.lkd-floating[data-position$="right"] { right: 1rem; }
.lkd-floating[data-position$="left"] { left: 1rem; }
.lkd-head { display: flex; align-items: center; gap: 0.5rem; }
.lkd-heading { flex: 1; margin: 0; font-size: 1.15em; font-weight: 650; }
.lkd-heading:focus { outline: none; }
.lkd-heading:focus-visible { outline: 2px solid var(--lkd-focus); }
.lkd-subheading { margin: 0; font-size: 1em; font-weight: 650; }
.lkd-body { display: flex; flex-direction: column; gap: 0.75rem; }
.lkd-section { display: flex; flex-direction: column; gap: 0.4rem; }
.lkd-section-head { display: flex; align-items: center; gap: 0.5rem; }
.lkd-section-head .lkd-subheading { flex: 1; }
.lkd-muted { color: var(--lkd-muted); }
.lkd p { margin: 0; }

.lkd-toggle {
  position: fixed;
  z-index: var(--lkd-z);
  display: inline-flex;
  align-items: center;
  gap: 0.4rem;
  padding: 0.4rem 0.7rem;
  border: 1px solid var(--lkd-border);
  border-radius: 999px;
  background: var(--lkd-bg);
  color: var(--lkd-fg);
  font: 600 var(--lkd-size) / 1.45 var(--lkd-font);
  cursor: pointer;
  box-shadow: 0 4px 12px rgb(0 0 0 / 0.2);
}
.lkd-toggle[data-position^="bottom"] { bottom: 1rem; }
.lkd-toggle[data-position^="top"] { top: 1rem; }
.lkd-toggle[data-position$="right"] { right: 1rem; }
.lkd-toggle[data-position$="left"] { left: 1rem; }
.lkd-dot { width: 0.6rem; height: 0.6rem; border-radius: 50%; background: var(--lkd-muted); }
.lkd-dot[data-status="signedIn"] { background: var(--lkd-ok); }
.lkd-dot[data-status="reauthRequired"] { background: var(--lkd-bad); }

.lkd-button {
  padding: 0.3rem 0.7rem;
  border: 1px solid var(--lkd-border);
  border-radius: calc(var(--lkd-radius) * 0.75);
  background: var(--lkd-surface);
  color: var(--lkd-fg);
  font: inherit;
  cursor: pointer;
}
.lkd-button:disabled { cursor: not-allowed; opacity: 0.55; }
.lkd-small { padding: 0.1rem 0.5rem; }
.lkd-dev { border-style: dashed; border-color: var(--lkd-dev); }
.lkd-dev[aria-pressed="true"] { background: var(--lkd-dev); color: var(--lkd-dev-fg); }
.lkd-dev-badge {
  display: inline-block;
  padding: 0 0.35rem;
  border-radius: 0.25rem;
  background: var(--lkd-dev);
  color: var(--lkd-dev-fg);
  font-family: var(--lkd-mono);
  font-size: 0.85em;
  text-transform: uppercase;
}
.lkd-buttons { display: flex; flex-wrap: wrap; gap: 0.4rem; }
.lkd-picker { display: flex; align-items: center; gap: 0.5rem; }
.lkd-picker label { font-weight: 600; }
.lkd-select {
  padding: 0.2rem 0.4rem;
  border: 1px solid var(--lkd-border);
  border-radius: calc(var(--lkd-radius) * 0.75);
  background: var(--lkd-surface);
  color: var(--lkd-fg);
  font: inherit;
}

.lkd-facts {
  display: grid;
  grid-template-columns: max-content 1fr;
  gap: 0.2rem 1rem;
  margin: 0;
}
.lkd-facts > div { display: contents; }
.lkd-facts dt { color: var(--lkd-muted); }
.lkd-facts dd { margin: 0; overflow-wrap: anywhere; }
.lkd-pill {
  display: inline-block;
  padding: 0 0.45rem;
  border: 1px solid var(--lkd-border);
  border-radius: 999px;
  font-family: var(--lkd-mono);
  white-space: nowrap;
}
.lkd-pill[data-status="signedIn"] { border-color: var(--lkd-ok); color: var(--lkd-ok); }
.lkd-pill[data-status="reauthRequired"] { border-color: var(--lkd-bad); color: var(--lkd-bad); }
.lkd-error code { color: var(--lkd-bad); }
.lkd-ok { color: var(--lkd-ok); font-weight: 600; }
.lkd-bad { color: var(--lkd-bad); font-weight: 600; }

.lkd-timeline {
  max-height: 18rem;
  margin: 0;
  padding: 0;
  overflow: auto;
  border: 1px solid var(--lkd-border);
  border-radius: calc(var(--lkd-radius) * 0.75);
  background: var(--lkd-surface);
  list-style: none;
}
.lkd-event {
  display: grid;
  grid-template-columns: max-content max-content 1fr;
  gap: 0.6rem;
  align-items: baseline;
  padding: 0.3rem 0.6rem;
  border-bottom: 1px solid var(--lkd-border);
}
.lkd-event:last-child { border-bottom: none; }
.lkd-time { color: var(--lkd-muted); }
.lkd-tag { min-width: 3.5rem; font-weight: 600; }
.lkd-text { overflow-wrap: anywhere; }
@media (max-width: 30rem) {
  .lkd-event { grid-template-columns: max-content 1fr; }
  .lkd-time { grid-column: 1 / -1; }
}
`
