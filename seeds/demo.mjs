/**
 * The demo data set (`--seed demo`, loaded by `npm start` on a new .data/ directory).
 * It grows with the product; today it holds the organisation tree every later feature hangs
 * from: one street (街道), three communities (社区) and their grids (网格), with numbers in the
 * range the domain brief gives for a real street.
 */
const STREET = {
  _id: 'street-guoyuan',
  name: '果园新村街道',
  city: '天津市',
  district: '河北区',
  areaKm2: 3.67,
  households: 20864,
  residents: 44649,
}

const COMMUNITIES = [
  { _id: 'community-xinyuan', name: '新园社区', households: 1830, residents: 3920 },
  { _id: 'community-guoyuan-south', name: '果园南社区', households: 2105, residents: 4516 },
  { _id: 'community-hongxing', name: '红星社区', households: 1642, residents: 3577 },
]

const GRIDS_PER_COMMUNITY = 4

export default async function seed(emulator) {
  const db = emulator.database
  const now = new Date(emulator.clock.now())
  db.insertMany('streets', [{ ...STREET, createdAt: now }])
  db.insertMany(
    'communities',
    COMMUNITIES.map((c) => ({ ...c, streetId: STREET._id, createdAt: now })),
  )
  const grids = COMMUNITIES.flatMap((c, ci) =>
    Array.from({ length: GRIDS_PER_COMMUNITY }, (_, gi) => ({
      _id: `${c._id}-grid-${gi + 1}`,
      name: `${c.name}第${gi + 1}网格`,
      communityId: c._id,
      streetId: STREET._id,
      buildings: [`${ci + 1}${gi + 1}号楼`, `${ci + 1}${gi + 2}号楼`],
      createdAt: now,
    })),
  )
  db.insertMany('grids', grids)
  return { streets: 1, communities: COMMUNITIES.length, grids: grids.length }
}
