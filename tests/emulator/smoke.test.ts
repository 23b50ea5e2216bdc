import { useEmulator } from '../helpers/emulator'

const t = useEmulator({ collections: ['todos'] })

test('add, get, where, update, remove through wx-server-sdk', async () => {
  const todos = t.db.collection('todos')
  const { _id } = await todos.add({ data: { title: '修路灯', done: false, due: new Date('2026-01-02T00:00:00Z'), tags: ['a', 'b'] } })
  expect(_id).toMatch(/^[0-9a-f]{32}$/)
  const one = await todos.doc(_id).get()
  expect(one.data).toMatchObject({ _id, title: '修路灯', done: false, tags: ['a', 'b'] })
  expect(one.data.due).toBeInstanceOf(Date)
  const _ = t.db.command
  await todos.add({ data: { title: 'x', done: true, n: 5 } })
  const open = await todos.where({ done: false }).get()
  expect(open.data).toHaveLength(1)
  const upd = await todos.doc(_id).update({ data: { n: _.inc(2), done: true } })
  expect(upd.stats.updated).toBe(1)
  const count = await todos.where({ done: true }).count()
  expect(count.total).toBe(2)
  const removed = await todos.where({ done: true }).remove()
  expect(removed.stats.removed).toBe(2)
  await expect(todos.doc(_id).get()).rejects.toMatchObject({ errCode: -1 })
  await expect(t.db.collection('nope').get()).rejects.toMatchObject({ errCode: -502005 })
})
