/**
 * Inputs of the `org` function's deadline settings (the directory and role inputs are in
 * user.ts). Bounds are checked here with the shared rule, so a settings form shows the same
 * Chinese messages before sending as the function answers.
 */
import { z } from 'zod'
import { SlaPolicyKeys, slaPolicyErrors, slaPolicyOf, type SlaPolicy, type SlaPolicyKey } from '../demand/sla'
import { id, optionalLongText, optionalText, text } from './common'

const hours = z.number({ required_error: '请填写小时数', invalid_type_error: '小时数应为数字' })
const window = z.object({ normal: hours, urgent: hours }).strict()

export const OrgSlaPolicy = z.object({ communityId: id })

/** Windows in hours for the stages to change; a stage left out keeps its window. */
export const OrgSetSlaPolicy = z.object({
  communityId: id,
  policy: z
    .object(Object.fromEntries(SlaPolicyKeys.map((key) => [key, window.optional()])) as Record<SlaPolicyKey, z.ZodOptional<typeof window>>)
    .strict()
    .refine((p) => Object.values(p).some((w) => w !== undefined), { message: '没有要修改的时限' })
    .superRefine((policy, ctx) => {
      // Every stage given is checked whole (the urgent window against the normal one); the
      // rest are filled in only to make a policy the shared rule can read.
      const errors = slaPolicyErrors(slaPolicyOf({ slaPolicy: policy as Partial<SlaPolicy> }))
      for (const [path, message] of Object.entries(errors)) {
        const [key, urgency] = path.split('.') as [SlaPolicyKey, string]
        if (policy[key]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key, urgency], message })
      }
    }),
})

/** 资源清单: the units of a community (or the caller's), or one unit, with what each offers. */
export const OrgResources = z.object({ communityId: id.optional(), unitId: id.optional() })

const resourceItem = z
  .object({
    name: text('资源名称', 30),
    detail: optionalLongText('资源说明', 200),
    capacity: optionalText('数量或频次', 40),
  })
  .strict()

/** The unit's contact, or staff of a community it serves, replace its list. */
export const OrgUpdateResources = z.object({
  unitId: id,
  resources: z
    .array(resourceItem)
    .max(30, '资源最多 30 项')
    .refine((items) => new Set(items.map((i) => i.name)).size === items.length, '资源名称不能重复'),
})

/** Projects taken, on time and average acceptance rating of a unit. */
export const OrgUnitScorecard = z.object({ unitId: id })

/** A community's review rules for projects: quorum share and floor, 公示 days. */
export const OrgProjectRules = z.object({ communityId: id })
export const OrgSetProjectRules = z.object({
  communityId: id,
  quorumPercent: z.number().int('比例应为整数').min(67, '法定人数比例不能低于 2/3（67%）').max(100, '法定人数比例不能超过 100%').optional(),
  quorumMinimum: z.number().int('人数应为整数').min(3, '法定人数不能少于 3 人').max(15, '法定人数不能超过 15 人').optional(),
  publicityDays: z.number().int('天数应为整数').min(1, '公示期不能少于 1 天').max(30, '公示期不能超过 30 天').optional(),
})
