import Taro from '@tarojs/taro'
import { makeAutoObservable } from 'mobx'
import { DEFAULT_PERSONA_OPENID, findPersona, type Persona } from './personas'

export const PERSONA_STORAGE_KEY = 'honglin:persona-openid'

/** The part of Taro's storage API the session needs (replaceable in tests). */
export interface KeyValueStorage {
  get(key: string): unknown
  set(key: string, value: string): void
}

export const taroStorage: KeyValueStorage = {
  get: (key) => Taro.getStorageSync(key),
  set: (key, value) => Taro.setStorageSync(key, value),
}

/** Who the user is. On H5 this is the chosen demo persona, remembered across reloads. */
export class SessionStore {
  openid: string

  constructor(private readonly storage: KeyValueStorage = taroStorage) {
    this.openid = readOpenid(storage)
    makeAutoObservable<SessionStore, 'storage'>(this, { storage: false }, { autoBind: true })
  }

  get persona(): Persona | undefined {
    return findPersona(this.openid)
  }

  /** Switches to another persona; unknown OPENIDs are ignored. Returns whether it changed. */
  switchPersona(openid: string): boolean {
    if (!findPersona(openid) || openid === this.openid) return false
    this.openid = openid
    try {
      this.storage.set(PERSONA_STORAGE_KEY, openid)
    } catch (error) {
      console.warn('保存身份失败', error)
    }
    return true
  }
}

function readOpenid(storage: KeyValueStorage): string {
  try {
    const stored = storage.get(PERSONA_STORAGE_KEY)
    if (typeof stored === 'string' && findPersona(stored)) return stored
  } catch (error) {
    console.warn('读取身份失败', error)
  }
  return DEFAULT_PERSONA_OPENID
}
