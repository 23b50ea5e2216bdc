/**
 * Demo audit log (操作日志): the entries the functions would have appended for the demo people —
 * roles granted, volunteers verified —
 * chained exactly as `shared/src/audit/chain.ts` chains them (canonical JSON, sha256), so
 * that `audit.verify` accepts them. Answers the entries and the head of each chain.
 */
const { createHash } = require('node:crypto')

const GENESIS_HASH = '0'.repeat(64)

/** Same rules as canonicalJson in shared/src/audit/chain.ts: sorted keys, no undefined members. */
function canonicalJson(value) {
  if (value === null) return 'null'
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`
  if (typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`
  }
  return JSON.stringify(value)
}

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex')

function chain(name, drafts) {
  let prevHash = GENESIS_HASH
  const entries = drafts.map((draft, i) => {
    const body = { ...draft, _id: `${name}#${i + 1}`, chain: name, seq: i + 1, prevHash }
    const entry = { ...body, hash: sha256(canonicalJson(body)) }
    prevHash = entry.hash
    return entry
  })
  const last = entries[entries.length - 1]
  return { entries, head: last ? { _id: name, seq: last.seq, hash: last.hash, at: last.at } : undefined }
}

const DAY = 24 * 3600 * 1000

/**
 * The community's chain: its staff appointed by the street, the other roles granted by the
 * staff, the verified volunteers; the global chain: the street's staff appointed by the admin.
 * `users` as seeded (grants with streetId), `at` the seeding time.
 */
function buildAudit({ communityId, users, at }) {
  const find = (role) => users.find((u) => u.grants.some((g) => g.role === role))
  const staff = find('community_staff')
  const street = find('street_staff')
  const admin = find('admin')
  let day = 40
  const by = (person) => ({ at: at - day-- * DAY, actorId: person._id, actorName: person.name })
  const grant = (actor, user, g) => ({
    action: 'role.grant',
    ...(g.communityId ? { communityId: g.communityId } : { streetId: g.streetId }),
    target: { type: 'user', id: user._id },
    detail: { role: g.role, ...(g.unitId ? { unitId: g.unitId } : {}), ...(g.communityId ? {} : { streetId: g.streetId }) },
    ...by(actor),
  })
  const global = [
    grant(
      admin,
      street,
      street.grants.find((g) => g.role === 'street_staff'),
    ),
  ]
  const community = [
    grant(
      street,
      staff,
      staff.grants.find((g) => g.role === 'community_staff'),
    ),
  ]
  for (const role of ['grid_worker', 'unit_contact', 'committee_member']) {
    for (const u of users) {
      const g = u.grants.find((x) => x.role === role && x.communityId === communityId)
      if (g) community.push(grant(staff, u, g))
    }
  }
  for (const u of users.filter((x) => x.volunteer?.status === 'verified' && x.volunteer.communityId === communityId)) {
    community.push({
      action: 'volunteer.verify',
      communityId,
      target: { type: 'user', id: u._id },
      detail: { approve: true, role: 'volunteer', ...(u.volunteer.isPartyMember ? { isPartyMember: true } : {}) },
      ...by(staff),
    })
  }
  return [chain(communityId, community), chain('global', global)]
}

module.exports = { buildAudit, canonicalJson, GENESIS_HASH }
