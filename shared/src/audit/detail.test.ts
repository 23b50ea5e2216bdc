import { cleanDetail } from './detail'
import { auditActionLabel, AuditActionLabels, auditDetailLines } from './labels'
import { AuditActions } from './types'

describe('detail', () => {
  test('contact data never enters the log', () => {
    expect(
      cleanDetail({
        role: 'volunteer',
        phone: '13800000001',
        contactPhone: '13800000001',
        address: '新园里3号楼',
        ownerAddr: 'x',
        note: '请致电13800000001或022-12345678',
        nested: { mobile: '13900000000', points: 5 },
      }),
    ).toEqual({ role: 'volunteer', note: '请致电138****0001或022****5678', nested: { points: 5 } })
  })

  test('keeps plain facts, shortens long text, drops what is not data', () => {
    expect(cleanDetail({ points: 20, approve: false, list: ['a', 1], none: null, when: new Date(0), inf: Infinity })).toEqual({
      points: 20,
      approve: false,
      list: ['a', 1],
      none: null,
    })
    expect((cleanDetail({ note: '字'.repeat(500) })!.note as string).length).toBe(200)
    expect(cleanDetail(undefined)).toBeUndefined()
  })
})

describe('labels', () => {
  test('every action has a Chinese label', () => {
    for (const a of AuditActions) expect(AuditActionLabels[a]).toMatch(/[\u4e00-\u9fa5]/)
    expect(auditActionLabel('demand.close')).toBe('点单销号')
    expect(auditActionLabel('something.new')).toBe('something.new')
  })

  test('detail members read in Chinese', () => {
    expect(auditDetailLines({ role: 'volunteer', points: 20, ownerType: 'unit', approve: true, other: 'x' })).toEqual([
      { label: '角色', value: '志愿者' },
      { label: '积分', value: '20' },
      { label: '入账对象', value: '共建单位' },
      { label: '审核结果', value: '通过' },
      { label: 'other', value: 'x' },
    ])
  })
})
