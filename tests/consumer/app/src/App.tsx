import { LatchkeyDevtools } from "@latchkey/devtools"
import { LatchkeyProvider, SignIn, useSession } from "@latchkey/react"
import { QueryClient, QueryClientProvider } from "@tanstack/react-query"
import type { ReactElement } from "react"
import { client } from "./client.js"

const queryClient = new QueryClient()

export function App(): ReactElement {
  return (
    <QueryClientProvider client={queryClient}>
      <LatchkeyProvider client={client}>
        <Screen />
      </LatchkeyProvider>
      <LatchkeyDevtools client={client} />
    </QueryClientProvider>
  )
}

function Screen(): ReactElement {
  const userId = useSession((snapshot) => snapshot.session?.user.id)
  if (userId !== undefined) return <p data-session="signed-in">{userId}</p>
  return <SignIn />
}
