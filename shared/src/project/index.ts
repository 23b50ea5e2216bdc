export * from './types'
export * from './criteria'
export * from './quorum'
export * from './views'
