import { createContext, useContext } from 'react'
import type { Api } from '../services/api-core'
import { OrgStore } from './org'
import { SessionStore, type KeyValueStorage } from './session'

export class RootStore {
  readonly session: SessionStore
  readonly org: OrgStore

  constructor(deps: { storage: KeyValueStorage; api: Api }) {
    this.session = new SessionStore(deps.storage, deps.api)
    this.org = new OrgStore(deps.api)
  }
}

export const StoreContext = createContext<RootStore | null>(null)

/** The stores of the running app; components that read them are `observer`s. */
export function useStores(): RootStore {
  const stores = useContext(StoreContext)
  if (!stores) throw new Error('StoreContext 未提供：请在 App 中包裹 StoreContext.Provider')
  return stores
}

export { SessionStore, type KeyValueStorage } from './session'
export { OrgStore } from './org'
export { PERSONAS, findPersona, personasByPlace, type Persona, type PersonaRole } from './personas'
