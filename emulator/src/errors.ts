/**
 * One error type for every service. It carries the wire code the real CloudBase service
 * answers with (`DATABASE_COLLECTION_NOT_EXIST`, …); `http/envelope.ts` is the only place
 * that turns it into the response body the SDK expects.
 */
export const ErrorCode = {
  CollectionNotExist: 'DATABASE_COLLECTION_NOT_EXIST',
  CollectionAlreadyExist: 'DATABASE_COLLECTION_ALREADY_EXIST',
  DuplicateWrite: 'DATABASE_DUPLICATE_WRITE',
  RequestFailed: 'DATABASE_REQUEST_FAILED',
  PermissionDenied: 'DATABASE_PERMISSION_DENIED',
  TransactionConflict: 'DATABASE_TRANSACTION_CONFLICT',
  TransactionFail: 'DATABASE_TRANSACTION_FAIL',
  InvalidParam: 'INVALID_PARAM',
  InvalidEnv: 'INVALID_ENV',
  ActionNotExist: 'INVALID_ACTION',
  StorageFileNotExist: 'STORAGE_FILE_NONEXIST',
  FunctionNotFound: 'FUNCTIONS_FUNCTION_NOT_FOUND',
  FunctionExecFail: 'FUNCTIONS_EXECUTE_FAIL',
  FunctionTimeLimitExceeded: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
  OpenApiFail: 'OPENAPI_REQUEST_FAILED',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

export class CloudbaseError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'CloudbaseError'
  }
}

export function fail(code: ErrorCode, message: string): never {
  throw new CloudbaseError(code, message)
}

export function assert(condition: unknown, code: ErrorCode, message: string): asserts condition {
  if (!condition) fail(code, message)
}
