/**
 * The closed set of error codes every cloud function answers with, each with the Chinese
 * message a person sees. Codes are stable: clients and integrations branch on them.
 */
export const ErrorCodes = {
  INVALID_INPUT: '输入有误，请检查后重试',
  UNKNOWN_ACTION: '不支持的操作',
  NOT_REGISTERED: '请先登录',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '找不到该记录',
  INVALID_STATE: '当前状态下不能进行此操作',
  ALREADY_CLAIMED: '手慢了，该任务已被其他人认领',
  CONTENT_RISKY: '内容含有不适宜的信息，请修改后再提交',
  CONFLICT: '数据已被他人修改，请刷新后重试',
  RATE_LIMITED: '今天提交次数已达上限，请明天再试',
  QUORUM_NOT_REACHED: '评审尚未达到法定人数或尚未结束，暂不能查看评分结果',
  INTERNAL: '服务暂时不可用，请稍后重试',
} as const

export type ErrorCode = keyof typeof ErrorCodes

export interface ErrorBody {
  code: ErrorCode
  message: string
  /** Field-level problems for INVALID_INPUT: path → Chinese message. */
  fields?: Record<string, string>
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message ?? ErrorCodes[code])
    this.name = 'AppError'
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) }
  }
}

export const ok = <T>(data: T): Result<T> => ({ ok: true, data })
export const err = (code: ErrorCode, message?: string, fields?: Record<string, string>): Result<never> => ({
  ok: false,
  error: { code, message: message ?? ErrorCodes[code], ...(fields ? { fields } : {}) },
})
