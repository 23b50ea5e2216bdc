/**
 * The people of the scale data set, on top of the demo organisation and personas: residents
 * who order, volunteers (most verified, some waiting or turned down), staff for communities
 * the demo leaves without, grid workers for its uncovered grids and a contact for each unit.
 * The demo's personas join the pools their grants put them in, so `demo-resident` owns some
 * of the demands, `demo-volunteer` does some of the work and `demo-staff` runs a community.
 */
const { streamOf } = require('./scale-random.cjs')
const { GIVEN, SKILLS, SURNAMES, WORK_UNITS } = require('./scale-text.cjs')

const DAY = 24 * 3600 * 1000
/** Share of the demands (and of the people) per community, in the demo's community order. */
const COMMUNITY_WEIGHTS = [0.4, 0.35, 0.25]
const PEOPLE_SEED = 0x5eed01
/** Volunteer registrations: most verified, some waiting for staff, a few turned down. */
const REGISTRATIONS = { verified: 92, pending: 5, rejected: 3 }

/** About one resident account per 25 demands over two years, never fewer than 150. */
const residentsFor = (demands) => Math.max(150, Math.ceil(demands / 25))
/** Hundreds of volunteers: one per 400 demands, between 60 and 600. */
const volunteersFor = (demands) => Math.min(600, Math.max(60, Math.ceil(demands / 400)))

const nameOf = (n, salt) =>
  SURNAMES[(n * 7 + salt) % SURNAMES.length] + GIVEN[(Math.floor(n / SURNAMES.length) * 11 + n + salt) % GIVEN.length]
const person = (doc) => ({ id: doc._id, name: doc.name, phone: doc.phone })
const hasGrant = (user, role, communityId) =>
  (user.grants ?? []).some((g) => g.role === role && (!communityId || g.communityId === communityId))

/** Which community person number `n` of `total` lives in: consecutive slices in proportion to the weights. */
function communitySlice(n, total, count) {
  let edge = 0
  for (let c = 0; c < count; c++) {
    edge += (COMMUNITY_WEIGHTS[c] ?? 1 / count) * total
    if (n < edge) return c
  }
  return count - 1
}

/**
 * `demo`: the documents the demo seed wrote (users, communities, grids, units, streets).
 * Answers the pools demands draw from and the generated users to store (without balances).
 */
function buildWorld({ demands, spanStart, demo }) {
  const street = demo.streets[0]
  // The city-scale data set is one street's: the demo's first street and its communities.
  const communities = demo.communities
    .filter((c) => (c.streetId ?? street._id) === street._id)
    .map((c, ci) => ({
      id: c._id,
      name: c.name,
      streetId: c.streetId ?? street._id,
      weight: COMMUNITY_WEIGHTS[ci] ?? 0.1,
      grids: demo.grids.filter((g) => g.communityId === c._id),
      staff: demo.users.filter((u) => hasGrant(u, 'community_staff', c._id)).map(person),
      residents: [],
      volunteers: [],
      gridWorkers: new Map(),
    }))
  const byId = new Map(communities.map((c) => [c.id, c]))
  const generated = []
  const grant = (role, community, extra = {}) => ({ role, streetId: community.streetId, communityId: community.id, ...extra })
  const newUser = (id, openid, name, phone, grants, createdAt, extra = {}) => {
    const doc = { _id: id, openid, name, phone, grants, elderMode: false, createdAt, updatedAt: createdAt, ...extra }
    generated.push(doc)
    return doc
  }

  // The demo's personas, where their grants put them.
  for (const u of demo.users) {
    for (const g of u.grants) {
      const c = byId.get(g.communityId)
      if (!c) continue
      if (g.role === 'grid_worker') for (const gridId of g.gridIds ?? []) c.gridWorkers.set(gridId, person(u))
    }
    const v = u.volunteer
    if (v?.status === 'verified' && byId.has(v.communityId)) byId.get(v.communityId).volunteers.push({ ...person(u), gridId: v.gridId })
    const resident = u.grants.find((g) => g.role === 'resident' && byId.has(g.communityId))
    if (resident && !u.volunteer && u.grants.length === 1) {
      const c = byId.get(resident.communityId)
      c.residents.push(home(person(u), c, c.residents.length))
    }
  }
  const streetStaff = demo.users.filter((u) => hasGrant(u, 'street_staff')).map(person)

  // Staff for communities without any, a grid worker for every two uncovered grids.
  communities.forEach((c, ci) => {
    if (c.staff.length === 0) {
      const doc = newUser(
        `user-scale-staff-${ci + 1}`,
        `scale-staff-${ci + 1}`,
        `${c.name.slice(0, 2)}书记`,
        phoneOf(2, ci),
        [grant('community_staff', c)],
        spanStart - 365 * DAY,
      )
      c.staff.push(person(doc))
    }
    const uncovered = c.grids.filter((g) => !c.gridWorkers.has(g._id))
    for (let k = 0; k < uncovered.length; k += 2) {
      const gridIds = uncovered.slice(k, k + 2).map((g) => g._id)
      const n = ci * 10 + k / 2
      const doc = newUser(
        `user-grid-${n + 1}`,
        `scale-grid-${n + 1}`,
        `${nameOf(n, 5)}`,
        phoneOf(3, n),
        [grant('grid_worker', c, { gridIds })],
        spanStart - 300 * DAY,
      )
      for (const gridId of gridIds) c.gridWorkers.set(gridId, person(doc))
    }
  })

  // A contact for every unit that has none.
  const units = new Map(demo.units.map((u) => [u._id, { id: u._id, name: u.name, contact: undefined }]))
  for (const u of demo.users)
    for (const g of u.grants) if (g.role === 'unit_contact' && units.has(g.unitId)) units.get(g.unitId).contact ??= person(u)
  let contacts = 0
  for (const unit of units.values()) {
    if (unit.contact) continue
    contacts += 1
    const doc = newUser(
      `user-unit-${contacts}`,
      `scale-unit-${contacts}`,
      `${unit.name.slice(0, 4)} ${nameOf(contacts, 9)}`,
      phoneOf(4, contacts),
      [{ role: 'unit_contact', unitId: unit.id, communityId: communities[0].id, streetId: street._id }],
      spanStart - 200 * DAY,
    )
    unit.contact = person(doc)
  }

  // Residents who order.
  const residents = residentsFor(demands)
  for (let n = 0; n < residents; n++) {
    const rng = streamOf(PEOPLE_SEED, n)
    const c = communities[communitySlice(n, residents, communities.length)]
    const doc = newUser(
      `user-r-${pad(n + 1, 6)}`,
      `scale-resident-${n + 1}`,
      nameOf(n, 0),
      phoneOf(9, n),
      [grant('resident', c)],
      spanStart - rng.between(1, 120) * DAY,
    )
    c.residents.push(home(person(doc), c, n, rng))
  }

  // Volunteers (双报到): most verified, some waiting for staff, a few turned down.
  const volunteers = volunteersFor(demands)
  for (let n = 0; n < volunteers; n++) {
    const rng = streamOf(PEOPLE_SEED + 1, n)
    const c = communities[communitySlice(n, volunteers, communities.length)]
    const gridId = rng.pick(c.grids)._id
    const status = rng.weighted(REGISTRATIONS)
    const appliedAt = spanStart - rng.between(1, 200) * DAY
    const partyMember = rng.chance(0.4)
    const skills = [...new Set([rng.pick(SKILLS), rng.pick(SKILLS), rng.pick(SKILLS)].slice(0, rng.int(1, 3)))]
    const volunteer = {
      status,
      skills,
      isPartyMember: partyMember,
      ...(partyMember ? { workUnit: rng.pick(WORK_UNITS) } : {}),
      communityId: c.id,
      gridId,
      appliedAt,
      ...(status === 'pending' ? {} : { decidedAt: appliedAt + rng.between(0.1, 3) * DAY, decidedBy: c.staff[0].id }),
      ...(status === 'rejected' ? { reason: '所填信息与报到单位核对不符' } : {}),
    }
    const grants = [grant('resident', c), ...(status === 'verified' ? [grant('volunteer', c)] : [])]
    const doc = newUser(`user-v-${pad(n + 1, 4)}`, `scale-volunteer-${n + 1}`, nameOf(n, 13), phoneOf(7, n), grants, appliedAt, {
      volunteer,
    })
    if (status === 'verified') c.volunteers.push({ ...person(doc), gridId })
  }

  for (const c of communities) {
    c.volunteersByGrid = new Map(c.grids.map((g) => [g._id, c.volunteers.filter((v) => v.gridId === g._id)]))
    if (c.residents.length === 0 || c.volunteers.length === 0) throw new Error(`community ${c.id} has no residents or no volunteers`)
  }
  return { street, communities, units, streetStaff, generated }
}

/** Where a resident lives: a grid of their community and a flat in one of its buildings. */
function home(p, community, n, rng = streamOf(PEOPLE_SEED + 2, n)) {
  const grid = community.grids[n % community.grids.length]
  const building = rng.pick(grid.buildings ?? ['1号楼'])
  return { ...p, gridId: grid._id, address: `${community.name}${building}${rng.int(1, 4)}单元${rng.int(1, 6)}0${rng.int(1, 2)}` }
}

function phoneOf(kind, n) {
  return `13${kind}${pad(n + 1, 8)}`
}

function pad(n, width) {
  return String(n).padStart(width, '0')
}

module.exports = { buildWorld, pad, COMMUNITY_WEIGHTS }
