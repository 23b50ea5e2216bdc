import { createContext, useContext } from 'react'
import { SessionStore } from './session'

export class RootStore {
  readonly session: SessionStore

  constructor(session: SessionStore = new SessionStore()) {
    this.session = session
  }
}

export const StoreContext = createContext<RootStore | null>(null)

/** The stores of the running app; components that read them are `observer`s. */
export function useStores(): RootStore {
  const stores = useContext(StoreContext)
  if (!stores) throw new Error('StoreContext 未提供：请在 App 中包裹 StoreContext.Provider')
  return stores
}

export { SessionStore } from './session'
export { PERSONAS, findPersona, type Persona, type PersonaRole } from './personas'
