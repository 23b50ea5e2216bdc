/**
 * Who the user is: the WeChat user (on H5 the chosen demo persona, remembered across reloads),
 * their profile and role grants from `user.login`, the role they are acting in, and 长辈模式.
 * Free of Taro: storage and the API client are passed in.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { contract, Role, RoleGrant } from '@honglin/shared'
import type { Api } from '../services/api-core'
import { messageOf } from '../services/api-core'
import { orderedRoles } from '../logic/roles'
import { DEFAULT_PERSONA_OPENID, findPersona, type Persona } from './personas'

export const PERSONA_STORAGE_KEY = 'honglin:persona-openid'
export const ELDER_STORAGE_KEY = 'honglin:elder-mode'
export const roleStorageKey = (openid: string) => `honglin:active-role:${openid}`

/** The part of Taro's storage API the session needs (replaceable in tests). */
export interface KeyValueStorage {
  get(key: string): unknown
  set(key: string, value: string): void
}

export type LoginStatus = 'idle' | 'loading' | 'ready' | 'error'

export class SessionStore {
  openid: string
  status: LoginStatus = 'idle'
  error = ''
  profile: contract.ProfileAnswer['profile'] | null = null
  grants: RoleGrant[] = []
  volunteer: contract.VolunteerRegistration | null = null
  activeRole: Role = 'resident'
  elderMode: boolean
  private generation = 0

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly api: Api,
  ) {
    this.openid = readOpenid(storage)
    this.elderMode = read(storage, ELDER_STORAGE_KEY) === '1'
    makeAutoObservable<SessionStore, 'storage' | 'api' | 'generation'>(
      this,
      { storage: false, api: false, generation: false },
      { autoBind: true },
    )
  }

  get persona(): Persona | undefined {
    return findPersona(this.openid)
  }

  get ready(): boolean {
    return this.status === 'ready'
  }

  /** The person's roles, most specific work first (staff before volunteer before resident). */
  get roles(): Role[] {
    return orderedRoles(this.grants)
  }

  /** The community the person belongs to (first grant or volunteer registration that names one). */
  get communityId(): string | undefined {
    return this.grants.find((g) => g.communityId)?.communityId ?? this.volunteer?.communityId
  }

  /** Grant of the active role (its community, grids, unit). */
  get activeGrant(): RoleGrant | undefined {
    return this.grants.find((g) => g.role === this.activeRole)
  }

  has(role: Role): boolean {
    return this.grants.some((g) => g.role === role)
  }

  /** Logs in (first launch, persona change); only the latest answer is kept. */
  async login(): Promise<void> {
    const generation = ++this.generation
    this.status = 'loading'
    this.error = ''
    try {
      const answer = await this.api('user', 'login', {})
      if (generation !== this.generation) return
      runInAction(() => this.apply(answer))
    } catch (error) {
      if (generation !== this.generation) return
      runInAction(() => {
        this.status = 'error'
        this.error = messageOf(error)
      })
    }
  }

  /** Takes a profile answer (login, registration, profile update). */
  apply(answer: contract.ProfileAnswer): void {
    this.profile = answer.profile
    this.grants = answer.grants
    this.volunteer = answer.volunteer
    this.status = 'ready'
    const stored = read(this.storage, roleStorageKey(this.openid))
    const roles = this.roles
    this.activeRole = roles.find((r) => r === stored) ?? roles[0] ?? 'resident'
    // The server's setting wins only when it turns 长辈模式 on (set on another device).
    if (answer.profile.elderMode && !this.elderMode) this.setElderLocal(true)
  }

  setActiveRole(role: Role): void {
    if (!this.roles.includes(role)) return
    this.activeRole = role
    write(this.storage, roleStorageKey(this.openid), role)
  }

  /** 长辈模式: takes effect at once and locally; saved to the profile too when logged in. */
  async setElderMode(on: boolean): Promise<void> {
    this.setElderLocal(on)
    if (!this.profile) return
    try {
      const answer = await this.api('user', 'updateProfile', { elderMode: on })
      runInAction(() => {
        if (this.profile) this.profile = { ...this.profile, elderMode: answer.profile.elderMode }
      })
    } catch (error) {
      console.warn('保存长辈模式失败', error)
    }
  }

  private setElderLocal(on: boolean): void {
    this.elderMode = on
    write(this.storage, ELDER_STORAGE_KEY, on ? '1' : '0')
  }

  /** Switches to another persona (H5) and logs in as them. Returns whether it changed. */
  switchPersona(openid: string): boolean {
    if (!findPersona(openid) || openid === this.openid) return false
    this.openid = openid
    this.profile = null
    this.grants = []
    this.volunteer = null
    write(this.storage, PERSONA_STORAGE_KEY, openid)
    void this.login()
    return true
  }
}

function read(storage: KeyValueStorage, key: string): string | undefined {
  try {
    const value = storage.get(key)
    return typeof value === 'string' ? value : undefined
  } catch (error) {
    console.warn('读取本地设置失败', error)
    return undefined
  }
}

function write(storage: KeyValueStorage, key: string, value: string): void {
  try {
    storage.set(key, value)
  } catch (error) {
    console.warn('保存本地设置失败', error)
  }
}

function readOpenid(storage: KeyValueStorage): string {
  const stored = read(storage, PERSONA_STORAGE_KEY)
  return stored && findPersona(stored) ? stored : DEFAULT_PERSONA_OPENID
}
