/** Inputs of the `user`, `org`, `points` and `notify` functions. */
import { z } from 'zod'
import { Roles, VolunteerStatuses } from '../roles'
import { Empty, fileId, id, optionalLongText, optionalText, page, phone, text } from './common'
import { TIME_ID_CURSOR, cursorField } from './cursor'

export const UserLogin = Empty
export const UserUpdateProfile = z
  .object({
    name: text('姓名', 20).optional(),
    phone: phone.optional(),
    elderMode: z.boolean().optional(),
    avatar: fileId.optional(),
    /** 光荣榜: appear by full name, or masked ("王**", the default). */
    honourName: z.enum(['name', 'masked'], { errorMap: () => ({ message: '请选择显示全名或隐去名字' }) }).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: '没有要修改的内容' })
export const UserRegisterVolunteer = z.object({
  name: text('姓名', 20),
  phone,
  skills: z.array(text('技能', 20)).max(10, '技能最多 10 项').default([]),
  isPartyMember: z.boolean(),
  /** 双报到: an in-service party member's work unit. */
  workUnit: optionalText('工作单位', 60),
  communityId: id,
  gridId: id.optional(),
})
export const UserVerifyVolunteer = z.object({ userId: id, approve: z.boolean(), reason: optionalLongText('原因', 200) })
/** Community staff: volunteer registrations of a community (pending ones by default), to verify them. */
export const UserVolunteers = z.object({
  communityId: id,
  status: z.enum(VolunteerStatuses, { errorMap: () => ({ message: '状态不正确' }) }).default('pending'),
  /** With a cursor `page.offset` is not used; `page.limit` still sizes the page. */
  cursor: cursorField(TIME_ID_CURSOR).optional(),
  page,
})

/** "我的数据": everything stored about the caller, as a file to download. */
export const UserExportMyData = Empty
/** Deleting one's own account; `confirm` so that no stray call can do it. */
/**
 * Subscribe messages: the template ids the caller accepted in `wx.requestSubscribeMessage`
 * (each acceptance allows one message); empty just asks which templates there are.
 */
export const UserSubscribe = z.object({
  accepted: z
    .array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '模板编号不正确'))
    .max(10, '一次最多 10 个模板')
    .default([]),
})
export const UserDeleteAccount = z.object({
  confirm: z.literal(true, { errorMap: () => ({ message: '请确认注销账号' }) }),
})

export const OrgCommunities = z.object({ streetId: id.optional() })
export const OrgGrids = z.object({ communityId: id })
export const OrgUnits = z.object({ communityId: id.optional() })
export const OrgCommittee = z.object({ communityId: id })
const grant = {
  userId: id,
  role: z.enum(Roles),
  streetId: id.optional(),
  communityId: id.optional(),
  gridIds: z.array(id).max(20).optional(),
  unitId: id.optional(),
}
export const OrgGrantRole = z.object(grant)
export const OrgRevokeRole = z.object(grant)

export const PointsBalance = Empty
/** Where the next page of the ledger starts: the `next` of the previous answer (creation time and id of its last entry). */
export const LEDGER_CURSOR = /^(\d{1,15})\.([A-Za-z0-9_-]{1,80})$/
export const PointsLedger = z.object({
  page,
  /** With a cursor `page.offset` is not used; `page.limit` still sizes the page. */
  cursor: z.string({ invalid_type_error: '翻页位置不正确' }).max(100, '翻页位置不正确').regex(LEDGER_CURSOR, '翻页位置不正确').optional(),
})
/** Does an owner's kept balance equal the sum of their ledger (administrators). */
export const PointsReconcile = z.object({ ownerType: z.enum(['user', 'unit']), ownerId: id })

/** Where the next page of the inbox starts: the `next` of the previous answer (time and id of its last item). */
export const NOTIFY_CURSOR = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/
export const NotifyInbox = z.object({
  unreadOnly: z.boolean().default(false),
  /** With a cursor `page.offset` is not used. */
  cursor: z.string({ invalid_type_error: '翻页位置不正确' }).max(100, '翻页位置不正确').regex(NOTIFY_CURSOR, '翻页位置不正确').optional(),
  page,
})
export const NotifyMarkRead = z
  .object({ ids: z.array(id).max(100).optional(), all: z.boolean().optional() })
  .refine((v) => v.ids?.length || v.all, {
    message: '请指定要标记的消息',
  })
