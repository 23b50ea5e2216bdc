/**
 * Building blocks of the action schemas, with Chinese messages, and the one function that
 * validates an action's input for functions and client alike.
 */
import { z } from 'zod'
import { AppError } from '../errors'
import { textProblem } from './text-rules'

/** Document ids: what the database and the seed data use (letters, digits, `-`, `_`). */
export const id = z
  .string({ required_error: '缺少编号', invalid_type_error: '编号格式不正确' })
  .min(1, '缺少编号')
  .max(64, '编号过长')
  .regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确')

function textOf(label: string, max: number, min: number, multiline: boolean) {
  return z
    .string({ required_error: `请填写${label}`, invalid_type_error: `${label}格式不正确` })
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)
    .superRefine((value, ctx) => {
      const problem = textProblem(value, { label, min, multiline })
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem })
    })
}

/**
 * One line of user text (a title, a name, an address): trimmed, at least `min` visible
 * characters, no line breaks, control or bidi characters, no ill-formed Unicode (text-rules.ts).
 */
export const text = (label: string, max: number, min = 1) => textOf(label, max, min, false)
export const optionalText = (label: string, max: number) => text(label, max, 0).optional()
/** Text typed in a text area (a description, a note, a reason): line breaks and tabs allowed. */
export const longText = (label: string, max: number, min = 1) => textOf(label, max, min, true)
export const optionalLongText = (label: string, max: number) => longText(label, max, 0).optional()

/** Mainland mobile numbers (11 digits starting with 1) or landlines such as 022-12345678. */
export const phone = z
  .string({ required_error: '请填写联系电话', invalid_type_error: '联系电话格式不正确' })
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '请填写正确的手机号或座机号')

/** A category id of the taxonomy (`shared/demand/categories.ts`), e.g. `elderly_care`. */
export const categoryId = z
  .string({ required_error: '请选择类别', invalid_type_error: '类别不正确' })
  .min(1, '请选择类别')
  .max(32, '类别不正确')
  .regex(/^[a-z][a-z0-9_]*$/, '类别不正确')

/**
 * A cloud storage file id as `wx.cloud.uploadFile` answers it: `cloud://<env>.<bucket>/<path>`,
 * the path made of plain segments (no `.`/`..`, no empty segment). Functions additionally
 * require the env to be their own (`_runtime/files.ts`).
 */
const FILE_ID = /^cloud:\/\/([A-Za-z0-9_-]{1,64})\.[A-Za-z0-9-]{1,128}\/([A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*)$/
export const fileId = z
  .string({ invalid_type_error: '图片地址不正确' })
  .max(512, '图片地址不正确')
  .refine((v) => FILE_ID.test(v) && v.split('/').every((segment) => segment !== '.' && segment !== '..'), '图片地址不正确')
export const photos = (max: number) => z.array(fileId).max(max, `最多上传 ${max} 张图片`).default([])

/**
 * Largest image a function accepts. WeChat's imgSecCheck takes images up to 1 MB (its
 * documented limit); 750 KB leaves a margin, and the client's compressed photos are far
 * smaller. Larger images are refused, not checked asynchronously (cloudfunctions/README.md).
 */
export const IMAGE_MAX_BYTES = 750 * 1024

/** The env a well-formed file id belongs to, or undefined. */
export function fileEnvOf(value: string): string | undefined {
  return FILE_ID.exec(value)?.[1]
}

/**
 * Every file id in `input` (as parsed by `schema`) with its field path: fields are found by
 * the schema (`fileId`, `photos`), not by the shape of the value, so text that merely looks
 * like a file id is not taken for one.
 */
export function fileIdsIn(schema: z.ZodTypeAny, input: unknown, path: string[] = []): { path: string; id: string }[] {
  if (schema === fileId) return typeof input === 'string' ? [{ path: path.join('.'), id: input }] : []
  if (schema instanceof z.ZodEffects) return fileIdsIn(schema.innerType(), input, path)
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return fileIdsIn(schema.unwrap(), input, path)
  if (schema instanceof z.ZodDefault) return fileIdsIn(schema._def.innerType, input, path)
  if (schema instanceof z.ZodArray && Array.isArray(input))
    return input.flatMap((item, i) => fileIdsIn(schema.element, item, [...path, String(i)]))
  if (schema instanceof z.ZodObject && input && typeof input === 'object') {
    const shape = schema.shape as Record<string, z.ZodTypeAny>
    return Object.keys(shape).flatMap((key) => fileIdsIn(shape[key]!, (input as Record<string, unknown>)[key], [...path, key]))
  }
  return []
}

/** Milliseconds since the epoch, within 2020–2100: a deadline, not any number JSON can carry. */
export const TIMESTAMP_MIN = Date.UTC(2020, 0, 1)
export const TIMESTAMP_MAX = Date.UTC(2100, 0, 1)
export const timestamp = z
  .number({ invalid_type_error: '时间格式不正确' })
  .int('时间格式不正确')
  .min(TIMESTAMP_MIN, '时间不正确')
  .max(TIMESTAMP_MAX, '时间不正确')

/** Actions without parameters (extra fields such as `action` are ignored). */
export const Empty = z.object({}).passthrough()

export const page = z
  .object({
    offset: z.number().int().min(0).max(10000).default(0),
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

/**
 * Chosen by the client once per submission and kept for its retries, so a retried create or
 * note is recognised and stored once.
 */
export const requestId = z
  .string({ required_error: '缺少请求编号', invalid_type_error: '请求编号格式不正确' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不正确')
