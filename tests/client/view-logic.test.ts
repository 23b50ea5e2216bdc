/** View logic: action buttons and their inputs, roles and entries, labels, files, times. */
import {
  ACTION_SPECS,
  actionButtons,
  actionInput,
  dueAtFor,
  formatTime,
  statusLabel,
  timelineTitle,
} from '../../client/src/logic/demand-view'
import { entriesFor, orderedRoles, Paths } from '../../client/src/logic/roles'
import { cloudPathOf, fileUrlFor, newCloudPath } from '../../client/src/services/files'
import { DemandActions, Transitions } from '@honglin/shared'

const CHINESE = /^[^A-Za-z]*$/

test('every action of the state machine has a Chinese button and a call or a page', () => {
  for (const a of DemandActions) {
    const spec = ACTION_SPECS[a]
    expect(spec.label).toMatch(CHINESE)
    expect(spec.done).toMatch(CHINESE)
    expect(Boolean(spec.call) || Boolean(spec.navigate)).toBe(true)
  }
})

test('main actions come first', () => {
  expect(actionButtons(['reject', 'accept', 'merge']).map((s) => s.label)).toEqual(['受理', '不予受理', '合并'])
  expect(actionButtons(['cancel', 'rate', 'reopen', 'confirm']).map((s) => s.action)).toEqual(['rate', 'confirm', 'cancel', 'reopen'])
})

test('action inputs carry only what the action takes', () => {
  expect(actionInput(ACTION_SPECS.complete, 'd1', { note: ' 已完成 ', hours: '1.5', photos: ['cloud://e.b/x.png'] })).toEqual({
    id: 'd1',
    note: ' 已完成 ',
    hours: 1.5,
    photos: ['cloud://e.b/x.png'],
  })
  expect(actionInput(ACTION_SPECS.cancel, 'd1', { reason: '  ' })).toEqual({ id: 'd1' })
  expect(actionInput(ACTION_SPECS.rate, 'd1', { stars: 5, comment: '' })).toEqual({ id: 'd1', stars: 5 })
  expect(actionInput(ACTION_SPECS.close, 'd1', { evaluation: '满意' })).toEqual({ id: 'd1', evaluation: '满意' })
})

test('timeline lines and statuses read in Chinese', () => {
  expect(timelineTitle({ action: 'create', actorName: '张阿姨', to: 'submitted' })).toBe('张阿姨 提交点单')
  expect(timelineTitle({ action: 'assign', actorName: '刘书记', to: 'dispatched' })).toBe(`刘书记 ${Transitions.assign.label}`)
  expect(timelineTitle({ action: 'escalate', actorName: '', to: 'accepted' })).toBe('系统 待派单')
  expect(statusLabel('rejected')).toBe('未受理')
})

test('roles: staff work first; each role has its entries', () => {
  expect(orderedRoles([{ role: 'resident' }, { role: 'volunteer' }, { role: 'grid_worker' }])).toEqual([
    'grid_worker',
    'volunteer',
    'resident',
  ])
  expect(entriesFor('volunteer').map((e) => e.url)).toEqual([Paths.hall, Paths.tasks, Paths.points])
  const gridEntries = entriesFor('grid_worker')
  expect(gridEntries.slice(0, 3).every((e) => e.url.includes('onBehalf=1'))).toBe(true)
  // …and the list of what he ordered for residents.
  expect(gridEntries.at(-1)).toMatchObject({ title: '我代办的点单', url: Paths.onBehalf })
  expect(entriesFor('community_staff').map((e) => e.title)).toEqual(['受理台', '志愿者审核'])
  expect(entriesFor('unit_contact')[0]!.url).toBe(Paths.tasks)
  expect(Paths.demand('a b')).toBe('/packages/resident/demand/index?id=a%20b')
})

test('file ids show as themselves on weapp and through the emulator on H5', () => {
  const id = 'cloud://local.bucket/demands/202511/x-1.png'
  expect(cloudPathOf(id)).toBe('demands/202511/x-1.png')
  expect(fileUrlFor(id, 'weapp')).toBe(id)
  expect(fileUrlFor(id, 'h5')).toBe('/storage/files/demands/202511/x-1.png')
  expect(newCloudPath('demands', 'blob:http://x/abc', Date.UTC(2025, 10, 20, 12))).toMatch(/^demands\/202511\/[a-z0-9]+-[a-z0-9]+\.jpg$/)
  expect(newCloudPath('work', 'wxfile://tmp/a.PNG')).toMatch(/\.png$/)
})

test('times are short and Chinese', () => {
  const now = new Date(2025, 10, 20, 15, 0).getTime()
  expect(formatTime(now - 30_000, now)).toBe('刚刚')
  expect(formatTime(now - 5 * 60_000, now)).toBe('5 分钟前')
  expect(formatTime(new Date(2025, 10, 20, 9, 5).getTime(), now)).toBe('今天 09:05')
  expect(formatTime(new Date(2025, 10, 2, 9, 5).getTime(), now)).toBe('11月2日 09:05')
  expect(dueAtFor(0, now)).toBeUndefined()
  expect(dueAtFor(3, now)).toBe(now + 3 * 86_400_000)
})
