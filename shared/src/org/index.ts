/** Trust rules of the organisation: who may be an assignee, plausible hours, who manages roles. */
export * from './assignee'
export * from './grants'
export * from './hours'
export * from './registration'
