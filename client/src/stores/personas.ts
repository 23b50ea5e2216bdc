/**
 * Demo personas for the H5 build and the local emulator. Each has a fixed OPENID that the
 * emulator trusts from the `x-wx-openid` header; in the mini-program the OPENID comes from
 * WeChat instead and this list is not used.
 */
export type PersonaRole = 'resident' | 'volunteer' | 'grid' | 'staff' | 'unit' | 'committee' | 'street' | 'admin'

export interface Persona {
  openid: string
  role: PersonaRole
  /** Shown in the picker, e.g. 居民 张阿姨. */
  label: string
}

export const PERSONAS: readonly Persona[] = [
  { openid: 'demo-resident', role: 'resident', label: '居民 张阿姨' },
  { openid: 'demo-resident-2', role: 'resident', label: '居民 李大爷' },
  { openid: 'demo-volunteer', role: 'volunteer', label: '志愿者 王小红' },
  { openid: 'demo-volunteer-2', role: 'volunteer', label: '志愿者 赵志强' },
  { openid: 'demo-grid', role: 'grid', label: '网格员 陈网格' },
  { openid: 'demo-staff', role: 'staff', label: '社区工作人员 刘书记' },
  { openid: 'demo-unit', role: 'unit', label: '共建单位 供电所' },
  { openid: 'demo-committee', role: 'committee', label: '大党委委员 周委员' },
  { openid: 'demo-street', role: 'street', label: '街道 孙主任' },
  { openid: 'demo-admin', role: 'admin', label: '管理员' },
]

export const DEFAULT_PERSONA_OPENID = 'demo-resident'

export function findPersona(openid: string): Persona | undefined {
  return PERSONAS.find((persona) => persona.openid === openid)
}
