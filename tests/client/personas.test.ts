/**
 * The H5 persona picker offers every account of the demo data, and nothing that is not one:
 * a persona the seed lacks would fail at login, a seed account missing from the picker could
 * not be tried.
 */
import { PERSONAS, personasByPlace } from '../../client/src/stores/personas'
// eslint-disable-next-line @typescript-eslint/no-var-requires
const demo = require('../../seeds/demo.cjs') as Record<'PERSONAS' | 'APPLICANTS', { openid?: string; name: string }[]>

// eslint-disable-next-line @typescript-eslint/no-var-requires
const projects = require('../../seeds/demo-projects.cjs') as { USERS: { openid?: string; name: string }[] }

const seeded = [...demo.PERSONAS, ...demo.APPLICANTS, ...projects.USERS].filter((p) => p.openid)

test('every demo account is in the picker under its own name, and every picker entry is a demo account', () => {
  expect(PERSONAS.map((p) => p.openid).sort()).toEqual(seeded.map((p) => p.openid).sort())
  for (const account of seeded) {
    const persona = PERSONAS.find((p) => p.openid === account.openid)!
    const given = account.name.split(' ').at(-1)!
    expect(persona.label).toContain(given)
  }
})

test('grouping by place keeps every persona once, in the list order', () => {
  const grouped = personasByPlace().flatMap((g) => g.personas)
  expect(grouped).toHaveLength(PERSONAS.length)
  expect(new Set(grouped.map((p) => p.openid)).size).toBe(PERSONAS.length)
})
