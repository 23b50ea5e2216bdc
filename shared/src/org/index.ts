/** Trust rules of the organisation: who may be an assignee, plausible hours, who manages roles and deadlines, who is suggested. */
export * from './assignee'
export * from './grants'
export * from './hours'
export * from './load'
export * from './registration'
export * from './sla-policy'
export * from './suggest'
