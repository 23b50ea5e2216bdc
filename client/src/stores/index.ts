import { createContext, useContext } from 'react'
import type { Api } from '../services/api-core'
import { OrgStore } from './org'
import { SessionStore, type KeyValueStorage } from './session'
import { UnreadStore } from './unread'

export class RootStore {
  readonly session: SessionStore
  readonly org: OrgStore
  readonly unread: UnreadStore
  /** Taro's storage (a map in tests): drafts and settings kept on the device. */
  readonly storage: KeyValueStorage

  constructor(deps: { storage: KeyValueStorage; api: Api }) {
    this.storage = deps.storage
    this.session = new SessionStore(deps.storage, deps.api)
    this.org = new OrgStore(deps.api)
    this.unread = new UnreadStore(deps.api)
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
export { UnreadStore, badgeText } from './unread'
export { PERSONAS, findPersona, personasByPlace, type Persona, type PersonaRole } from './personas'
