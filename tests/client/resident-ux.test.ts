/**
 * The resident's side, pure: the order draft kept on the device (until sent or discarded),
 * contact prefilled once the profile arrives, characters counted past a limit instead of cut,
 * the unread badge's text, and 逾期 judged from the deadline the demand waits under now.
 */
import type { Demand } from '@honglin/shared'
import { createApi } from '../../client/src/services/api-core'
import { discardDraft, draftKey, hasContent, OrderFormStore, readDraft, saveDraft } from '../../client/src/stores/order-form'
import { badgeText, unreadOf } from '../../client/src/stores/unread'
import { lateness, statusText } from '../../client/src/logic/demand-view'

function memory() {
  const map = new Map<string, string>()
  return { map, get: (k: string) => map.get(k), set: (k: string, v: string) => void map.set(k, v) }
}

const api = createApi(jest.fn())

describe('order draft', () => {
  const key = draftKey('demo-resident', 'service', false)

  test('what was typed comes back with the same request id, and is gone once discarded', () => {
    const storage = memory()
    const form = new OrderFormStore('service', false, api)
    form.set('title', '帮忙修门锁')
    form.set('detail', '门锁拧不动了')
    saveDraft(storage, key, form, 1000)
    const draft = readDraft(storage, key)!
    expect(draft).toMatchObject({ requestId: form.requestId, savedAt: 1000 })
    const again = new OrderFormStore('service', false, api, draft.fields, draft.requestId)
    expect(again.fields).toEqual(form.fields)
    expect(again.requestId).toBe(form.requestId)
    discardDraft(storage, key)
    expect(readDraft(storage, key)).toBeUndefined()
  })

  test('a form with only the prefilled contact is not a draft; broken storage is none either', () => {
    const storage = memory()
    const form = new OrderFormStore('service', false, api, { contactName: '张阿姨', contactPhone: '13800000001' })
    expect(hasContent(form.fields)).toBe(false)
    saveDraft(storage, key, form)
    expect(readDraft(storage, key)).toBeUndefined()
    storage.map.set(key, '{not json')
    expect(readDraft(storage, key)).toBeUndefined()
  })

  test('drafts are per person, kind and 代点单', () => {
    expect(
      new Set([
        draftKey('a', 'service', false),
        draftKey('b', 'service', false),
        draftKey('a', 'wish', false),
        draftKey('a', 'service', true),
      ]).size,
    ).toBe(4)
  })
})

test('contact is filled from the profile once it arrives, never over what was typed', () => {
  const form = new OrderFormStore('service', false, api)
  form.prefillContact(null)
  expect(form.fields.contactName).toBe('')
  form.set('contactPhone', '13900000000')
  form.prefillContact({ name: '张阿姨', phone: '13800000001' })
  expect(form.fields).toMatchObject({ contactName: '张阿姨', contactPhone: '13900000000' })
  const anonymous = new OrderFormStore('service', false, api)
  anonymous.prefillContact({ name: '微信用户' })
  expect(anonymous.fields.contactName).toBe('')
})

test('text over a limit is kept and counted, and the form refuses it with the contract message', () => {
  const form = new OrderFormStore('service', false, api)
  form.set('detail', '好'.repeat(503))
  expect(form.fields.detail).toHaveLength(503)
  expect(form.over('detail')).toBe(3)
  expect(form.check()).toBe(false)
  expect(form.errors.detail).toBe('详细描述不能超过 500 个字')
  form.set('detail', '好'.repeat(500))
  expect(form.over('detail')).toBe(0)
})

test('the badge: empty at 0, the count, 99+ when capped or above 99', () => {
  expect(badgeText(0)).toBe('')
  expect(badgeText(8)).toBe('8')
  expect(badgeText(99)).toBe('99')
  expect(badgeText(100)).toBe('99+')
  expect(badgeText(99, true)).toBe('99+')
  expect(unreadOf({ unread: 8 })).toEqual({ count: 8, capped: false })
  expect(unreadOf({ unread: 99, unreadCapped: true })).toEqual({ count: 99, capped: true })
  expect(unreadOf({})).toEqual({ count: 0, capped: false })
})

describe('逾期', () => {
  const now = 10_000_000
  const base = { status: 'dispatched', createdAt: 0, urgency: 'normal' } as Pick<Demand, 'status' | 'createdAt' | 'urgency'>

  test('a mark left over does not show beside a deadline still ahead', () => {
    const d = {
      ...base,
      overdue: { since: 1, stage: 'acceptance' as const },
      sla: { stage: 'work' as const, dueAt: now + 3_600_000, level: 0 as const },
    }
    expect(lateness(d, now)).toEqual({ late: false, text: '' })
  })

  test('a deadline passed shows, naming its stage; the inbox answer wins when it has one', () => {
    const d = { ...base, sla: { stage: 'work' as const, dueAt: now - 1, level: 1 as const } }
    expect(lateness(d, now)).toEqual({ late: true, text: '办理逾期' })
    expect(lateness({ ...d, late: false }, now).late).toBe(false)
  })
})

test('screens read the status in their reader’s words', () => {
  const accepted = {
    status: 'dispatched' as const,
    assignee: { type: 'volunteer' as const, id: 'u', name: '王', assignedAt: 1, assignedBy: 's', points: 5, acceptedAt: 2 },
  }
  expect(statusText({ status: 'reviewed' }, 'resident')).toBe('等待社区办结')
  expect(statusText({ status: 'reviewed' }, 'community_staff')).toBe('待销号')
  expect(statusText(accepted, 'community_staff')).toBe('已接单')
  expect(statusText(accepted, 'volunteer')).toBe('已接单，待开始服务')
})
