/**
 * The privacy notice (隐私说明) a resident agrees to when ordering, and its version. The
 * client shows this text; the functions record the version with each demand and on the user,
 * so what someone agreed to can always be told. Change the text → change the version.
 */

export const PRIVACY_VERSION = '2025-06'

export const PRIVACY_TITLE = '红邻隐私说明'

/** The notice, one point a line. Numbers here follow `DEFAULT_RETENTION_DAYS` and the masking rules. */
export const PRIVACY_POINTS: readonly string[] = [
  '我们收集您点单时填写的联系人、电话、地址、描述和照片，只用于办理这张点单。',
  '社区工作人员、街道工作人员和本网格网格员可以看到完整信息；接单的志愿者或共建单位只在办理期间可以看到。',
  '任务大厅里的志愿者只看到打码后的信息：电话、门牌号和姓名被隐藏，照片只显示张数。',
  '点单办结（或取消、未受理、合并）满 180 天后（社区可另行规定），联系人、电话、详细地址以及描述中的电话和门牌号会被清除，只留下办理记录。',
  '您可以在"我的 → 我的数据"中导出我们保存的关于您的全部数据，或注销账号；注销后您的点单只作为匿名的办理记录保留。',
  '网格员代您点单前，应当向您说明以上内容并征得您的同意。',
]

/** The line next to the checkbox on the order form. */
export const CONSENT_LINE = '我同意社区工作人员和接单人在办理期间查看我的联系方式'
/** The same line when a grid worker orders for a resident (代办): it is the resident who agrees. */
export const CONSENT_LINE_ON_BEHALF = '居民已同意社区工作人员和接单人在办理期间查看居民的联系方式'

export const CONSENT_REQUIRED = '请先勾选同意查看联系方式'
export const CONSENT_OUTDATED = '隐私说明已更新，请重新阅读并勾选同意后提交'

/** What was agreed to and when; `by`: the grid worker who attests the resident agreed (代办). */
export interface ConsentRecord {
  version: string
  at: number
  by?: string
}

export function consentRecord(at: number, by?: string): ConsentRecord {
  return by ? { version: PRIVACY_VERSION, at, by } : { version: PRIVACY_VERSION, at }
}

/** Whether a stored acceptance already covers the current notice (no need to record it again). */
export function coversCurrentNotice(record: ConsentRecord | undefined): boolean {
  return record?.version === PRIVACY_VERSION
}
