/**
 * The database schema file: the collections a project uses and their indexes, read by the
 * emulator and by deployment alike.
 *   { "collections": { "users": { "indexes": [ { "name": "openid", "keys": { "openid": 1 }, "unique": true } ] } } }
 */
import { readFileSync } from 'node:fs'
import type { IndexSpec } from './database/indexes'

export interface Schema {
  collections: string[]
  indexes: Record<string, IndexSpec[]>
}

export function parseSchema(json: unknown): Schema {
  const collections = (json as { collections?: Record<string, { indexes?: IndexSpec[] }> }).collections
  if (!collections || typeof collections !== 'object') throw new Error('schema: "collections" object is required')
  const indexes: Record<string, IndexSpec[]> = {}
  for (const [name, def] of Object.entries(collections)) {
    indexes[name] = (def.indexes ?? []).map((spec) => {
      if (!spec.name || !spec.keys || Object.keys(spec.keys).length === 0) throw new Error(`schema: index on ${name} needs a name and keys`)
      for (const dir of Object.values(spec.keys))
        if (dir !== 1 && dir !== -1 && dir !== '2dsphere')
          throw new Error(`schema: index ${spec.name} key direction must be 1, -1 or "2dsphere"`)
      return spec
    })
  }
  return { collections: Object.keys(collections), indexes }
}

export function readSchema(file: string): Schema {
  return parseSchema(JSON.parse(readFileSync(file, 'utf8')))
}
