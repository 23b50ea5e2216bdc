/**
 * The plan: what must change for the environment (`Live`) to be what the files ask for
 * (`Desired`). Pure: no I/O, so it is the same whether the state came from the service, from
 * the recorder or from nothing (`--dry-run`). Applying a plan and planning again gives nothing.
 *
 * Data is never dropped: a collection or function the files no longer name is reported, not
 * deleted. Indexes are the database's schema and are dropped when the files drop them.
 */
import type { Acl, CollectionSpec, Desired, FunctionSpec, IndexSpec, Live, LiveFunction, StorageRule, TimerTrigger } from './model'

export type Step =
  | { kind: 'collection.create'; collection: string }
  | { kind: 'index.create'; collection: string; index: IndexSpec }
  | { kind: 'index.drop'; collection: string; index: string; reason: string }
  | { kind: 'collection.acl'; collection: string; from?: Acl; to: Acl }
  | { kind: 'storage.acl'; from?: StorageRule; to: StorageRule }
  | { kind: 'function.create'; fn: FunctionSpec }
  | { kind: 'function.code'; fn: FunctionSpec }
  | { kind: 'function.config'; fn: FunctionSpec; changes: string[] }
  | { kind: 'function.runtime'; fn: string; from: string; to: string }
  | { kind: 'trigger.create'; fn: string; trigger: TimerTrigger }
  | { kind: 'trigger.delete'; fn: string; trigger: string }

export interface Plan {
  steps: Step[]
  /** In the environment but not in the files: left alone, only reported. */
  unmanaged: string[]
}

const keysText = (keys: IndexSpec['keys']) => keys.map(([f, d]) => `${f}:${d}`).join(',')

/** Why a live index is not the declared one, or undefined when it is. */
function indexDifference(want: IndexSpec, have: IndexSpec): string | undefined {
  if (keysText(want.keys) !== keysText(have.keys)) return `keys ${keysText(have.keys)} → ${keysText(want.keys)}`
  if (want.unique !== have.unique) return `unique ${have.unique} → ${want.unique}`
  return undefined
}

function planCollection(want: CollectionSpec, have: Live['collections'][string] | undefined): Step[] {
  const steps: Step[] = []
  if (!have) steps.push({ kind: 'collection.create', collection: want.name })
  const live = have?.indexes ?? []
  for (const ix of live) {
    const declared = want.indexes.find((w) => w.name === ix.name)
    const difference = declared ? indexDifference(declared, ix) : 'not in database/schema.json'
    if (difference) steps.push({ kind: 'index.drop', collection: want.name, index: ix.name, reason: difference })
  }
  for (const ix of want.indexes) {
    const existing = live.find((l) => l.name === ix.name)
    if (!existing || indexDifference(ix, existing)) steps.push({ kind: 'index.create', collection: want.name, index: ix })
  }
  if (have?.acl !== want.acl) steps.push({ kind: 'collection.acl', collection: want.name, from: have?.acl, to: want.acl })
  return steps
}

const sameRule = (a: StorageRule | undefined, b: StorageRule) =>
  a?.acl === b.acl &&
  (b.acl !== 'CUSTOM' || (String(a.rule?.read) === String(b.rule?.read) && String(a.rule?.write) === String(b.rule?.write)))

function configChanges(want: FunctionSpec, have: LiveFunction): string[] {
  const changes: string[] = []
  if (want.timeout !== have.timeout) changes.push(`timeout ${have.timeout} → ${want.timeout}`)
  if (want.memorySize !== have.memorySize) changes.push(`memorySize ${have.memorySize} → ${want.memorySize}`)
  const names = new Set([...Object.keys(want.variables), ...Object.keys(have.variables)])
  for (const name of [...names].sort()) {
    if (want.variables[name] === have.variables[name]) continue
    if (!(name in want.variables)) changes.push(`variable ${name} removed`)
    else changes.push(`variable ${name} ${name in have.variables ? 'changed' : 'added'}`)
  }
  return changes
}

function planFunction(want: FunctionSpec, have: LiveFunction | undefined, codeDigestVariable: string): Step[] {
  if (!have)
    return [
      { kind: 'function.create', fn: want },
      ...want.triggers.map((trigger) => ({ kind: 'trigger.create' as const, fn: want.name, trigger })),
    ]
  const steps: Step[] = []
  // The runtime is fixed when a function is created (UpdateFunctionConfiguration has no Runtime).
  if (want.runtime !== have.runtime) steps.push({ kind: 'function.runtime', fn: want.name, from: have.runtime, to: want.runtime })
  if (want.variables[codeDigestVariable] !== have.variables[codeDigestVariable]) steps.push({ kind: 'function.code', fn: want })
  const changes = configChanges(want, have)
  if (changes.length) steps.push({ kind: 'function.config', fn: want, changes })
  for (const t of have.triggers) {
    const declared = want.triggers.find((w) => w.name === t.name)
    if (!declared || declared.config !== t.config) steps.push({ kind: 'trigger.delete', fn: want.name, trigger: t.name })
  }
  for (const t of want.triggers) {
    const existing = have.triggers.find((h) => h.name === t.name)
    if (!existing || existing.config !== t.config) steps.push({ kind: 'trigger.create', fn: want.name, trigger: t })
  }
  return steps
}

export function makePlan(desired: Desired, live: Live, codeDigestVariable = 'HONGLIN_CODE_DIGEST'): Plan {
  const steps: Step[] = []
  for (const c of desired.collections) steps.push(...planCollection(c, live.collections[c.name]))
  if (!sameRule(live.storage, desired.storage)) steps.push({ kind: 'storage.acl', from: live.storage, to: desired.storage })
  for (const f of desired.functions) steps.push(...planFunction(f, live.functions[f.name], codeDigestVariable))
  const unmanaged = [
    ...Object.keys(live.collections)
      .filter((n) => !desired.collections.some((c) => c.name === n))
      .map((n) => `collection ${n}`),
    ...Object.keys(live.functions)
      .filter((n) => !desired.functions.some((f) => f.name === n))
      .map((n) => `function ${n}`),
  ].sort()
  return { steps, unmanaged }
}

/** Steps the management API cannot carry out; they are done by hand (see README). */
export const isManual = (step: Step) => step.kind === 'function.runtime'

const ruleText = (r?: StorageRule) => (!r ? '(none)' : r.acl === 'CUSTOM' ? `CUSTOM ${JSON.stringify(r.rule)}` : r.acl)
const indexText = (ix: IndexSpec) => `${ix.name} {${keysText(ix.keys)}}${ix.unique ? ' unique' : ''}${ix.sparse ? ' sparse' : ''}`

export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'collection.create':
      return `+ collection ${step.collection}`
    case 'index.create':
      return `+ index ${step.collection}.${indexText(step.index)}`
    case 'index.drop':
      return `- index ${step.collection}.${step.index} (${step.reason})`
    case 'collection.acl':
      return `~ rule ${step.collection}: ${step.from ?? '(none)'} → ${step.to}`
    case 'storage.acl':
      return `~ storage rule: ${ruleText(step.from)} → ${ruleText(step.to)}`
    case 'function.create': {
      const f = step.fn
      return `+ function ${f.name} (${f.runtime}, ${f.memorySize} MB, ${f.timeout} s, openapi [${f.openapi.join(', ')}], variables ${Object.keys(f.variables).sort().join(', ')})`
    }
    case 'function.code':
      return `~ function ${step.fn.name}: code`
    case 'function.config':
      return `~ function ${step.fn.name}: ${step.changes.join('; ')}`
    case 'function.runtime':
      return `! function ${step.fn}: runtime ${step.from} → ${step.to} (only at creation: delete the function in the console, then apply)`
    case 'trigger.create':
      return `+ trigger ${step.fn}.${step.trigger.name} (${step.trigger.type} "${step.trigger.config}")`
    case 'trigger.delete':
      return `- trigger ${step.fn}.${step.trigger}`
  }
}

export function describePlan(plan: Plan): string {
  const lines = plan.steps.length ? plan.steps.map(describeStep) : ['(no changes)']
  if (plan.unmanaged.length) lines.push(`not in the project files (left alone): ${plan.unmanaged.join(', ')}`)
  return lines.join('\n')
}
