/**
 * Inputs of the `org` function's deadline settings (the directory and role inputs are in
 * user.ts). Bounds are checked here with the shared rule, so a settings form shows the same
 * Chinese messages before sending as the function answers.
 */
import { z } from 'zod'
import { SlaPolicyKeys, slaPolicyErrors, slaPolicyOf, type SlaPolicy, type SlaPolicyKey } from '../demand/sla'
import { id } from './common'

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
