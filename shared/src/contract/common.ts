/**
 * Building blocks of the action schemas, with Chinese messages, and the one function that
 * validates an action's input for functions and client alike.
 */
import { z } from 'zod'
import { AppError } from '../errors'

export const id = z.string({ required_error: '缺少编号', invalid_type_error: '编号格式不正确' }).min(1, '缺少编号').max(64, '编号过长')

export const text = (label: string, max: number, min = 1) =>
  z
    .string({ required_error: `请填写${label}`, invalid_type_error: `${label}格式不正确` })
    .trim()
    .min(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`)
    .max(max, `${label}不能超过 ${max} 个字`)

export const optionalText = (label: string, max: number) => text(label, max, 0).optional()

/** Mainland mobile numbers (11 digits starting with 1) or landlines such as 022-12345678. */
export const phone = z
  .string({ required_error: '请填写联系电话', invalid_type_error: '联系电话格式不正确' })
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '请填写正确的手机号或座机号')

/** A cloud storage file id (`cloud://…`). */
export const fileId = z
  .string()
  .regex(/^cloud:\/\/\S+$/, '图片地址不正确')
  .max(512)
export const photos = (max: number) => z.array(fileId).max(max, `最多上传 ${max} 张图片`).default([])

/** Milliseconds since the epoch. */
export const timestamp = z.number({ invalid_type_error: '时间格式不正确' }).int().positive()

/** Actions without parameters (extra fields such as `action` are ignored). */
export const Empty = z.object({}).passthrough()

export const page = z
  .object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .default({})

export type Page = z.infer<typeof page>

const CHINESE = /[\u4e00-\u9fa5]/

const expectedLabels: Partial<Record<string, string>> = {
  number: '请填写数字',
  integer: '请填写整数',
  boolean: '请选择是或否',
  array: '格式不正确，应为列表',
  string: '请填写文字',
}

/**
 * Chinese wording for zod's built-in messages. A schema's own messages (`required_error`,
 * `.min(1, '请填写…')`, refinements) are kept; only zod's English defaults are replaced.
 */
export const chineseErrorMap: z.ZodErrorMap = (issue, ctx) => {
  if (CHINESE.test(ctx.defaultError)) return { message: ctx.defaultError }
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return { message: issue.received === 'undefined' ? '请填写此项' : (expectedLabels[issue.expected] ?? '格式不正确') }
    case z.ZodIssueCode.invalid_enum_value:
    case z.ZodIssueCode.invalid_literal:
      return { message: '选项不正确' }
    case z.ZodIssueCode.too_small:
      if (issue.type === 'string') return { message: `至少 ${issue.minimum} 个字` }
      if (issue.type === 'array') return { message: `至少 ${issue.minimum} 项` }
      return { message: issue.inclusive ? `不能小于 ${issue.minimum}` : `必须大于 ${issue.minimum}` }
    case z.ZodIssueCode.too_big:
      if (issue.type === 'string') return { message: `不能超过 ${issue.maximum} 个字` }
      if (issue.type === 'array') return { message: `最多 ${issue.maximum} 项` }
      return { message: issue.inclusive ? `不能大于 ${issue.maximum}` : `必须小于 ${issue.maximum}` }
    case z.ZodIssueCode.invalid_date:
      return { message: '日期不正确' }
    default:
      return { message: '格式不正确' }
  }
}

/**
 * Validates `input` against `schema`: answers the parsed value or throws INVALID_INPUT with
 * the first problem as the message and every problem by field, all in Chinese.
 */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input, { errorMap: chineseErrorMap })
  if (result.success) return result.data
  const fields: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const path = issue.path.join('.') || '_'
    fields[path] ??= issue.message
  }
  throw new AppError('INVALID_INPUT', result.error.issues[0]?.message ?? undefined, fields)
}
