/**
 * Demo personas for the H5 build and the local emulator. Each has a fixed OPENID that the
 * emulator trusts from the `x-wx-openid` header; in the mini-program the OPENID comes from
 * WeChat instead and this list is not used. It mirrors the accounts of seeds/demo.cjs
 * (tests/client/personas.test.ts keeps the two in step).
 */
export type PersonaRole = 'resident' | 'volunteer' | 'grid' | 'staff' | 'unit' | 'committee' | 'street' | 'admin'

export interface Persona {
  openid: string
  role: PersonaRole
  /** Shown in the picker, e.g. 居民 张阿姨. */
  label: string
  /** The group the picker shows it under: where the persona lives or works. */
  place: string
}

const XINYUAN = '果园新村街道 · 新园社区'
const SOUTH = '果园新村街道 · 果园南社区'
const STREET_1 = '果园新村街道'
const STREET_2 = '幸福街道 · 幸福东社区'

export const PERSONAS: readonly Persona[] = [
  { openid: 'demo-resident', role: 'resident', label: '居民 张阿姨', place: XINYUAN },
  { openid: 'demo-resident-2', role: 'resident', label: '居民 李大爷', place: XINYUAN },
  { openid: 'demo-applicant', role: 'resident', label: '居民 钱卫东（志愿者报名待审核）', place: XINYUAN },
  { openid: 'demo-applicant-2', role: 'resident', label: '居民 孙丽华（志愿者报名待审核）', place: XINYUAN },
  { openid: 'demo-volunteer', role: 'volunteer', label: '志愿者 王小红', place: XINYUAN },
  { openid: 'demo-volunteer-2', role: 'volunteer', label: '志愿者 赵志强', place: XINYUAN },
  { openid: 'demo-grid', role: 'grid', label: '网格员 陈网格', place: XINYUAN },
  { openid: 'demo-staff', role: 'staff', label: '社区工作人员 刘书记', place: XINYUAN },
  { openid: 'demo-unit', role: 'unit', label: '共建单位 供电所 孙工', place: XINYUAN },
  { openid: 'demo-committee', role: 'committee', label: '大党委委员 周委员', place: XINYUAN },
  // The rest of 新园社区's 大党委 and the other co-building units' contacts (seeds/demo-projects.cjs).
  { openid: 'demo-committee-2', role: 'committee', label: '大党委委员 赵委员（供电所）', place: XINYUAN },
  { openid: 'demo-committee-3', role: 'committee', label: '大党委委员 钱委员（中医医院）', place: XINYUAN },
  { openid: 'demo-committee-4', role: 'committee', label: '大党委委员 吴委员（区法院）', place: XINYUAN },
  { openid: 'demo-committee-5', role: 'committee', label: '大党委委员 郑委员（农商银行）', place: XINYUAN },
  { openid: 'demo-committee-6', role: 'committee', label: '大党委委员 冯委员（居民代表）', place: XINYUAN },
  { openid: 'demo-unit-hospital', role: 'unit', label: '共建单位 中医医院 何医生', place: XINYUAN },
  { openid: 'demo-unit-bank', role: 'unit', label: '共建单位 农商银行 马经理', place: XINYUAN },
  { openid: 'demo-unit-school', role: 'unit', label: '共建单位 五十七中 陈老师', place: XINYUAN },
  { openid: 'demo-unit-court', role: 'unit', label: '共建单位 区法院 林法官', place: XINYUAN },
  { openid: 'demo-resident-3', role: 'resident', label: '居民 黄奶奶', place: SOUTH },
  { openid: 'demo-volunteer-3', role: 'volunteer', label: '志愿者 林晓燕', place: SOUTH },
  { openid: 'demo-grid-2', role: 'grid', label: '网格员 马建国', place: SOUTH },
  { openid: 'demo-staff-2', role: 'staff', label: '社区工作人员 吴书记', place: SOUTH },
  { openid: 'demo-street', role: 'street', label: '街道 孙主任', place: STREET_1 },
  { openid: 'demo-admin', role: 'admin', label: '管理员 系统管理员', place: STREET_1 },
  { openid: 'demo-street-2', role: 'street', label: '街道 高主任', place: STREET_2 },
  { openid: 'demo-staff-3', role: 'staff', label: '社区工作人员 何书记', place: STREET_2 },
  { openid: 'demo-resident-4', role: 'resident', label: '居民 徐大妈', place: STREET_2 },
]

export const DEFAULT_PERSONA_OPENID = 'demo-resident'

export function findPersona(openid: string): Persona | undefined {
  return PERSONAS.find((persona) => persona.openid === openid)
}

/** The personas grouped by place, in the list's order. */
export function personasByPlace(): { place: string; personas: Persona[] }[] {
  const groups = new Map<string, Persona[]>()
  for (const persona of PERSONAS) groups.set(persona.place, [...(groups.get(persona.place) ?? []), persona])
  return [...groups].map(([place, personas]) => ({ place, personas }))
}
