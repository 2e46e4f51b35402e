export function App() {
  return (
    <main>
      <h1>Latchkey</h1>
      <p>The demo's vendor screens arrive with the React package.</p>
    </main>
  )
}
