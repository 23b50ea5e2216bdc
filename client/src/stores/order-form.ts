/**
 * The order form (点单) as a store: what the person typed, field errors, and one request id
 * for the life of the form, so a retried submit after a failure answers the same demand
 * instead of creating a second one. Nothing typed is lost when a submit fails.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { CONSENT_LINE, CONSENT_REQUIRED, PRIVACY_VERSION, categoriesOf, type contract, type DemandKind } from '@honglin/shared'
import type { Api } from '../services/api-core'
import { ApiError, messageOf } from '../services/api-core'
import { validate } from '../services/validate'
import type { KeyValueStorage } from './session'

/** The consent line and its refusal come with the privacy notice they refer to (shared/privacy/consent.ts). */
export const CONSENT_TEXT = CONSENT_LINE
export { CONSENT_REQUIRED }

export interface OrderFields {
  category: string
  title: string
  detail: string
  photos: string[]
  address: string
  communityId: string
  gridId: string
  urgent: boolean
  preferredTime: string
  contactName: string
  contactPhone: string
  ownerName: string
  ownerPhone: string
  consent: boolean
}

export function newRequestId(now = Date.now(), random = Math.random): string {
  return `req-${now.toString(36)}-${Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0')}`
}

/** Length limits the form counts down (the contract's, shared/contract/demand.ts). */
export const LIMITS = { title: 40, detail: 500, address: 100, preferredTime: 40 } as const

/** What was typed and not yet sent: kept per person, kind and 代点单, until submitted or discarded. */
export interface OrderDraft {
  fields: OrderFields
  requestId: string
  savedAt: number
}

export const draftKey = (openid: string, kind: DemandKind, onBehalf: boolean) =>
  `honglin:order-draft:${openid}:${kind}${onBehalf ? ':on-behalf' : ''}`

/** Whether anything worth keeping was typed (the prefilled contact alone is not a draft). */
export function hasContent(f: Partial<OrderFields>): boolean {
  return Boolean(f.category || f.title?.trim() || f.detail?.trim() || f.photos?.length || f.address?.trim() || f.ownerName?.trim())
}

export function readDraft(storage: KeyValueStorage, key: string): OrderDraft | undefined {
  try {
    const raw = storage.get(key)
    if (typeof raw !== 'string' || !raw) return undefined
    const draft = JSON.parse(raw) as OrderDraft
    if (!draft || typeof draft.requestId !== 'string' || typeof draft.fields !== 'object' || !hasContent(draft.fields)) return undefined
    return draft
  } catch {
    return undefined
  }
}

export function saveDraft(
  storage: KeyValueStorage,
  key: string,
  form: Pick<OrderFormStore, 'fields' | 'requestId'>,
  now = Date.now(),
): void {
  try {
    storage.set(key, hasContent(form.fields) ? JSON.stringify({ fields: form.fields, requestId: form.requestId, savedAt: now }) : '')
  } catch (error) {
    console.warn('保存草稿失败', error)
  }
}

export function discardDraft(storage: KeyValueStorage, key: string): void {
  try {
    storage.set(key, '')
  } catch (error) {
    console.warn('清除草稿失败', error)
  }
}

export class OrderFormStore {
  fields: OrderFields
  errors: Record<string, string> = {}
  /** The message of the last failed call (shown above the button, which then offers a retry). */
  failure = ''
  submitting = false
  created: contract.DemandView | null = null
  readonly requestId: string

  constructor(
    readonly kind: DemandKind,
    readonly onBehalf: boolean,
    private readonly api: Api,
    prefill: Partial<OrderFields> = {},
    requestId: string = newRequestId(),
  ) {
    this.requestId = requestId
    this.fields = {
      category: '',
      title: '',
      detail: '',
      photos: [],
      address: '',
      communityId: '',
      gridId: '',
      urgent: false,
      preferredTime: '',
      contactName: '',
      contactPhone: '',
      ownerName: '',
      ownerPhone: '',
      consent: false,
      ...prefill,
    }
    makeAutoObservable<OrderFormStore, 'api'>(this, { api: false, kind: false, onBehalf: false, requestId: false }, { autoBind: true })
  }

  get categories() {
    return categoriesOf(this.kind)
  }

  /** Contact details from the profile, once it has loaded, into fields still empty. */
  prefillContact(profile: { name?: string; phone?: string } | null | undefined): void {
    if (!profile || this.onBehalf) return
    if (!this.fields.contactName && profile.name && profile.name !== '微信用户') this.fields.contactName = profile.name
    if (!this.fields.contactPhone && profile.phone) this.fields.contactPhone = profile.phone
  }

  /** Characters over a field's limit (0 within it): shown by its counter, refused on submit. */
  over(key: keyof typeof LIMITS): number {
    return Math.max(0, this.fields[key].length - LIMITS[key])
  }

  set<K extends keyof OrderFields>(key: K, value: OrderFields[K]): void {
    this.fields[key] = value
    if (this.errors[key]) {
      const rest = { ...this.errors }
      delete rest[key]
      this.errors = rest
    }
  }

  /** The input of `demand.create` / `demand.createOnBehalf`. */
  get input(): Record<string, unknown> {
    const f = this.fields
    const input: Record<string, unknown> = {
      kind: this.kind,
      category: f.category,
      title: f.title,
      detail: f.detail,
      photos: f.photos,
      address: f.address,
      gridId: f.gridId,
      urgency: f.urgent ? 'urgent' : 'normal',
      contactName: f.contactName,
      contactPhone: f.contactPhone,
      requestId: this.requestId,
      // The notice shown on the form is the one agreed to; the function records its version.
      consent: f.consent,
      consentVersion: PRIVACY_VERSION,
    }
    if (f.preferredTime.trim()) input.preferredTime = f.preferredTime
    if (this.onBehalf) {
      // A grid worker orders for a resident: the resident is also the contact.
      input.ownerName = f.ownerName
      input.ownerPhone = f.ownerPhone.trim() || undefined
      input.contactName = f.ownerName
      input.contactPhone = f.ownerPhone
    }
    return input
  }

  get hasErrors(): boolean {
    return Object.keys(this.errors).length > 0
  }

  private get action(): 'create' | 'createOnBehalf' {
    return this.onBehalf ? 'createOnBehalf' : 'create'
  }

  /** Checks the form as the function will (plus consent); answers whether it may be sent. */
  check(): boolean {
    const errors: Record<string, string> = {}
    try {
      validate('demand', this.action, this.input)
    } catch (error) {
      if (error instanceof ApiError) Object.assign(errors, error.fields)
      else throw error
    }
    const all = this.fieldErrors(errors)
    if (!this.fields.consent) all.consent = CONSENT_REQUIRED
    this.errors = all
    return Object.keys(all).length === 0
  }

  /** Contract errors by the field the person sees. */
  private fieldErrors(raw: Record<string, string>): Record<string, string> {
    const errors = { ...raw }
    if (errors.gridId) errors.gridId = '请选择所在网格'
    if (this.onBehalf) {
      if (errors.contactName && !errors.ownerName) errors.ownerName = '请填写居民姓名'
      if (errors.contactPhone && !errors.ownerPhone) errors.ownerPhone = errors.contactPhone
      delete errors.contactName
      delete errors.contactPhone
    }
    return errors
  }

  /** Submits; on failure keeps everything and the same request id for the retry. */
  async submit(): Promise<contract.DemandView | null> {
    if (this.submitting) return null
    this.failure = ''
    if (!this.check()) return null
    this.submitting = true
    try {
      const demand = await this.api('demand', this.action, this.input as never)
      runInAction(() => {
        this.created = demand
        this.submitting = false
      })
      return demand
    } catch (error) {
      runInAction(() => {
        this.submitting = false
        this.failure = messageOf(error)
        if (error instanceof ApiError && Object.keys(error.fields).length) this.errors = this.fieldErrors(error.fields)
      })
      return null
    }
  }
}
