/**
 * Telling cloud errors apart by code, never by wording. The service answers a string code
 * (`DATABASE_TRANSACTION_CONFLICT`, `DATABASE_DUPLICATE_WRITE`, `STORAGE_FILE_NONEXIST`, …;
 * see the CloudBase error-code reference). Where the code reaches us depends on the path:
 * - storage calls and a transaction's commit reject with the service's answer itself, `code`
 *   included;
 * - database operations go through wx-server-sdk, which keeps a number only for the codes it
 *   knows (`DATABASE_COLLECTION_NOT_EXIST` → -502005) and answers -501001 (or -502001) for the
 *   rest, dropping the string code and keeping only the service's message. That message
 *   still carries a code: the CloudBase API error code in brackets
 *   (`[ResourceUnavailable.TransactionConflict] …`), and for a duplicate key MongoDB's
 *   `E11000`. Those codes are what is read from the text, nothing around them.
 */

export const CloudCodes = {
  duplicateKey: 'DATABASE_DUPLICATE_WRITE',
  transactionConflict: 'DATABASE_TRANSACTION_CONFLICT',
  transactionGone: 'DATABASE_TRANSACTION_FAIL',
  collectionMissing: 'DATABASE_COLLECTION_NOT_EXIST',
  fileMissing: 'STORAGE_FILE_NONEXIST',
} as const

interface CloudErrorLike {
  code?: unknown
  errCode?: unknown
  errMsg?: unknown
  message?: unknown
}

/** Codes wx-server-sdk keeps as numbers (its TCB_ERR_CODE table). */
const SDK_NUMBERS: Record<number, string> = {
  [-502005]: CloudCodes.collectionMissing,
  [-503003]: CloudCodes.fileMissing,
}

/** CloudBase API error codes, as the service's messages begin with them. */
const API_CODES: Record<string, string> = {
  'ResourceUnavailable.TransactionConflict': CloudCodes.transactionConflict,
  'ResourceUnavailable.TransactionNotExist': CloudCodes.transactionGone,
  'ResourceNotFound.CollectionNotExist': CloudCodes.collectionMissing,
  'FailedOperation.DuplicateKey': CloudCodes.duplicateKey,
}

export function errorText(error: unknown): string {
  const e = error as CloudErrorLike | undefined
  return String(e?.errMsg ?? e?.message ?? error)
}

/** The service's error code of `error`, as far as the SDK let it through. */
export function cloudErrorCode(error: unknown): string | undefined {
  const e = (error ?? {}) as CloudErrorLike
  if (typeof e.code === 'string' && e.code) return e.code
  if (typeof e.errCode === 'number' && SDK_NUMBERS[e.errCode]) return SDK_NUMBERS[e.errCode]
  // The SDK dropped the code (see above): read the one the service's message carries.
  const text = errorText(error)
  const bracketed = /\[([A-Za-z]+\.[A-Za-z]+)\]/.exec(text)?.[1]
  if (bracketed && API_CODES[bracketed]) return API_CODES[bracketed]
  if (/\bE11000\b/.test(text)) return CloudCodes.duplicateKey
  return undefined
}

export const isDuplicateKey = (error: unknown): boolean => cloudErrorCode(error) === CloudCodes.duplicateKey
export const isConflict = (error: unknown): boolean => cloudErrorCode(error) === CloudCodes.transactionConflict
export const isFileMissing = (error: unknown): boolean => cloudErrorCode(error) === CloudCodes.fileMissing

/**
 * `doc(id).get()` of a missing document. The service answers an empty list, not an error;
 * wx-server-sdk itself then rejects with errCode -1 and its own fixed sentence (no code
 * exists for it), so this is the one check that must read the SDK's words.
 */
export function isDocumentNotFound(error: unknown): boolean {
  return (error as CloudErrorLike | undefined)?.errCode === -1 && /document with _id .* does not exist/.test(errorText(error))
}
