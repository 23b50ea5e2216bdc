/**
 * The deployment plan made from the project's own files: every collection, index (unique and
 * sparse flags included), rule and function (timeout, open-API permissions, timer, variables)
 * is in it, derived here from the files independently of the planner; applying it to the
 * recorder and planning again leaves nothing; drift made by hand is found and repaired.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { applyPlan, readLive } from '../../scripts/deploy/live'
import { describePlan, makePlan, type Step } from '../../scripts/deploy/plan'
import { readProject } from '../../scripts/deploy/project'
import { createRecorder } from '../../scripts/deploy/recorder'
import { ROOT, ensureBuiltFunctions, readJson } from './support'

beforeAll(ensureBuiltFunctions)

const schema = readJson<{
  collections: Record<string, { indexes: Array<{ name: string; keys: Record<string, number>; unique?: boolean; sparse?: boolean }> }>
}>(join(ROOT, 'database', 'schema.json'))
const rules = readJson(join(ROOT, 'database', 'rules.json'))
const functionDirs = readdirSync(join(ROOT, 'cloudfunctions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
  .map((d) => d.name)
const configOf = (fn: string) => readJson(join(ROOT, 'cloudfunctions', fn, 'config.json'))

const of = <K extends Step['kind']>(steps: Step[], kind: K) => steps.filter((s): s is Extract<Step, { kind: K }> => s.kind === kind)

async function planAgainst(recorder = createRecorder('test')) {
  const reading = readProject(ROOT, 'test')
  expect(reading.errors).toEqual([])
  return { reading, recorder, plan: makePlan(reading.desired, await readLive(recorder, reading.desired)) }
}

describe('the plan for an empty environment, from the files', () => {
  it('creates every collection of schema.json with each declared index, keys in order, unique and sparse as declared', async () => {
    const { plan } = await planAgainst()
    const created = of(plan.steps, 'collection.create').map((s) => s.collection)
    expect(created.sort()).toEqual(Object.keys(schema.collections).sort())
    const indexes = of(plan.steps, 'index.create')
    const declared = Object.entries(schema.collections).flatMap(([c, v]) => (v.indexes ?? []).map((ix) => ({ c, ix })))
    expect(indexes).toHaveLength(declared.length)
    for (const { c, ix } of declared) {
      const step = indexes.find((s) => s.collection === c && s.index.name === ix.name)
      expect(step?.index).toEqual({ name: ix.name, keys: Object.entries(ix.keys), unique: ix.unique === true, sparse: ix.sparse === true })
    }
    expect(indexes.some((s) => s.index.name === '_id_')).toBe(false)
    // Two known ones: the idempotent create rests on unique indexes.
    expect(indexes.find((s) => s.collection === 'demands' && s.index.name === 'request')?.index).toMatchObject({
      unique: true,
      keys: [
        ['createdBy', 1],
        ['requestId', 1],
      ],
    })
    expect(indexes.find((s) => s.collection === 'users' && s.index.name === 'openid')?.index).toMatchObject({ unique: true, sparse: true })
  })

  it('gives every collection the rule of database/rules.json (admin only unless an exception says why) and the storage rule', async () => {
    const { plan } = await planAgainst()
    const acls = of(plan.steps, 'collection.acl')
    expect(acls).toHaveLength(Object.keys(schema.collections).length)
    for (const step of acls) expect(step.to).toBe(rules.database.collections[step.collection]?.acl ?? rules.database.default)
    expect(rules.database.default).toBe('ADMINONLY')
    expect(of(plan.steps, 'storage.acl')).toEqual([expect.objectContaining({ to: { acl: rules.storage.acl, rule: rules.storage.rule } })])
  })

  it('creates every function folder with the timeout, permissions and timer of its config.json', async () => {
    const { plan } = await planAgainst()
    const fns = of(plan.steps, 'function.create')
    expect(fns.map((s) => s.fn.name).sort()).toEqual(functionDirs.sort())
    for (const { fn } of fns) {
      const config = configOf(fn.name)
      expect(fn.timeout).toBe(config.timeout)
      expect(fn.timeout).toBeLessThanOrEqual(60)
      expect(fn.openapi).toEqual([...config.permissions.openapi].sort())
      expect(fn.triggers).toEqual(config.triggers)
      expect(fn.variables.HONGLIN_CODE_DIGEST).toMatch(/^[0-9a-f]{16}$/)
      // Template ids reach exactly the functions allowed to send subscribe messages, and `user`, which tells the client.
      expect('HONGLIN_SUBSCRIBE_TEMPLATES' in fn.variables).toBe(
        config.permissions.openapi.includes('subscribeMessage.send') || fn.name === 'user',
      )
    }
    const triggers = of(plan.steps, 'trigger.create')
    expect(triggers.map((s) => `${s.fn}.${s.trigger.name}`).sort()).toEqual(
      functionDirs.flatMap((fn) => (configOf(fn).triggers ?? []).map((t: { name: string }) => `${fn}.${t.name}`)).sort(),
    )
    expect(triggers).toContainEqual({
      kind: 'trigger.create',
      fn: 'sla',
      trigger: { name: 'sla', type: 'timer', config: '0 */10 * * * * *' },
    })
    const sla = fns.find((s) => s.fn.name === 'sla')!.fn
    expect(sla).toMatchObject({ timeout: 20, runtime: 'Nodejs16.13', memorySize: 256, openapi: ['subscribeMessage.send'] })
    expect(JSON.parse(sla.variables.HONGLIN_SUBSCRIBE_TEMPLATES)).toEqual({
      demandStatus: 'TPL_DEMAND_STATUS',
      taskAssigned: 'TPL_TASK_ASSIGNED',
      volunteerReview: 'TPL_VOLUNTEER_REVIEW',
      mallPickup: 'TPL_MALL_PICKUP',
      staffTodo: 'TPL_STAFF_TODO',
    })
    expect(JSON.parse(sla.variables.HONGLIN_SUBSCRIBE_MESSAGES).demandStatus).toEqual({
      templateId: 'TPL_DEMAND_STATUS',
      page: 'pages/index/index',
      keywords: { item: 'thing1', status: 'phrase2', note: 'thing3', time: 'time4' },
    })
    expect(describePlan(plan)).toContain('+ trigger sla.sla (timer "0 */10 * * * * *")')
  })
})

describe('apply', () => {
  it('leaves nothing to do: planning again after an apply is empty, and a second apply writes nothing', async () => {
    const { reading, recorder, plan } = await planAgainst()
    expect(plan.steps.length).toBeGreaterThan(0)
    expect(await applyPlan(recorder, plan.steps, reading.desired, () => {})).toEqual([])
    const again = makePlan(reading.desired, await readLive(recorder, reading.desired))
    expect(again.steps).toEqual([])
    const before = recorder.calls.length
    await applyPlan(recorder, again.steps, reading.desired, () => {})
    expect(recorder.calls.length).toBe(before)
    // What the recorder now holds is the files' environment.
    expect(Object.keys(recorder.state.collections).sort()).toEqual(Object.keys(schema.collections).sort())
    expect(recorder.state.collections.users.indexes.find((ix) => ix.Name === 'openid')).toMatchObject({ Unique: true, Sparse: true })
    expect(recorder.state.functions.notify.Triggers).toEqual([
      { TriggerName: 'queue', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 * * * * * *' }) },
    ])
    expect(recorder.state.functions.audit.Timeout).toBe(60)
    expect(Object.values(recorder.state.collections).every((c) => c.acl === 'ADMINONLY')).toBe(true)
  })

  it('uses the SDK calls with the SDK shapes', async () => {
    const { reading, recorder, plan } = await planAgainst()
    await applyPlan(recorder, plan.steps, reading.desired, () => {})
    const create = recorder.calls.find((c) => c.method === 'database.updateCollection' && c.args[0] === 'demands')
    expect(create?.args[1]).toEqual({
      CreateIndexes: [
        {
          IndexName: 'request',
          MgoKeySchema: {
            MgoIndexKeys: [
              { Name: 'createdBy', Direction: '1' },
              { Name: 'requestId', Direction: '1' },
            ],
            MgoIsUnique: true,
          },
        },
      ],
    })
    const fn = recorder.calls.find((c) => c.method === 'functions.createFunction' && (c.args[0] as any).func.name === 'sla')
    expect(fn?.args[0]).toMatchObject({
      func: { name: 'sla', runtime: 'Nodejs16.13', timeout: 20, memorySize: 256, handler: 'index.main', installDependency: true },
      functionRootPath: reading.desired.functionRoot,
    })
    expect(recorder.calls.filter((c) => c.method === 'tcb.ModifyDatabaseACL')).toHaveLength(Object.keys(schema.collections).length)
  })
})

describe('drift', () => {
  async function applied() {
    const ctx = await planAgainst()
    await applyPlan(ctx.recorder, ctx.plan.steps, ctx.reading.desired, () => {})
    return ctx
  }
  const replan = async ({ reading, recorder }: Awaited<ReturnType<typeof applied>>) =>
    makePlan(reading.desired, await readLive(recorder, reading.desired))

  it('an index dropped, an index changed and an extra index are put back, never the _id index', async () => {
    const ctx = await applied()
    await ctx.recorder.database.updateCollection('demands', { DropIndexes: [{ IndexName: 'wake' }, { IndexName: 'settle' }] })
    await ctx.recorder.database.updateCollection('demands', {
      CreateIndexes: [
        { IndexName: 'settle', MgoKeySchema: { MgoIndexKeys: [{ Name: 'settleAt', Direction: '-1' }], MgoIsUnique: false } },
        { IndexName: 'by_hand', MgoKeySchema: { MgoIndexKeys: [{ Name: 'x', Direction: '1' }], MgoIsUnique: false } },
      ],
    })
    const plan = await replan(ctx)
    expect(
      plan.steps.map((s) => s.kind + ' ' + ('index' in s ? (typeof s.index === 'string' ? s.index : s.index.name) : '')).sort(),
    ).toEqual(['index.create settle', 'index.create wake', 'index.drop by_hand', 'index.drop settle'].sort())
    await applyPlan(ctx.recorder, plan.steps, ctx.reading.desired, () => {})
    expect((await replan(ctx)).steps).toEqual([])
    expect(ctx.recorder.state.collections.demands.indexes.map((ix) => ix.Name)).toContain('_id_')
  })

  it('a timeout, a variable, a trigger, a rule and the code changed by hand are each found', async () => {
    const ctx = await applied()
    await ctx.recorder.functions.updateFunctionConfig({ name: 'sla', timeout: 3 })
    await ctx.recorder.functions.deleteFunctionTrigger('notify', 'queue')
    await ctx.recorder.tcb.call({ Action: 'ModifyDatabaseACL', Param: { CollectionName: 'users', AclTag: 'READONLY' } })
    await ctx.recorder.storage.setStorageAcl('READONLY')
    ctx.recorder.state.functions.task.Environment.Variables = [{ Key: 'HONGLIN_CODE_DIGEST', Value: 'an-older-build' }]
    const kinds = (await replan(ctx)).steps.map(
      (s) => `${s.kind} ${'fn' in s ? (typeof s.fn === 'string' ? s.fn : s.fn.name) : 'collection' in s ? s.collection : ''}`,
    )
    expect(kinds.sort()).toEqual(
      [
        'function.config sla',
        'trigger.create notify',
        'collection.acl users',
        'storage.acl ',
        'function.code task',
        'function.config task',
      ].sort(),
    )
    const uploads = ctx.recorder.state.functions.task.codeUploads
    await applyPlan(ctx.recorder, (await replan(ctx)).steps, ctx.reading.desired, () => {})
    expect(ctx.recorder.state.functions.task.codeUploads).toBe(uploads + 1)
    expect((await replan(ctx)).steps).toEqual([])
  })

  it('a changed timer is replaced; a runtime change is left to a person, and collections or functions not in the files are only reported', async () => {
    const ctx = await applied()
    ctx.recorder.state.functions.sla.Triggers[0].TriggerDesc = '0 0 * * * * *'
    ctx.recorder.state.functions.system.Runtime = 'Nodejs10.15'
    await ctx.recorder.database.createCollectionIfNotExists('old_stuff')
    const plan = await replan(ctx)
    expect(plan.steps.map((s) => s.kind)).toEqual(['trigger.delete', 'trigger.create', 'function.runtime'])
    expect(plan.unmanaged).toEqual(['collection old_stuff'])
    const manual = await applyPlan(ctx.recorder, plan.steps, ctx.reading.desired, () => {})
    expect(manual.map((s) => s.kind)).toEqual(['function.runtime'])
    expect(ctx.recorder.state.collections.old_stuff).toBeDefined()
    expect(ctx.recorder.state.functions.sla.Triggers.map((t) => t.TriggerDesc)).toEqual([JSON.stringify({ cron: '0 */10 * * * * *' })])
  })
})
