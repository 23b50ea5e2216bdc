/**
 * `$jsonSchema` (`db.command.jsonSchema`) as MongoDB evaluates it: JSON Schema draft 4 plus
 * `bsonType`, without `$ref`, `format`, `default`, `definitions`, `id` and the `integer` type.
 * Each keyword constrains only values of the type it is about (`minimum` ignores strings), as
 * in MongoDB. Unknown or unsupported keywords fail the query instead of being ignored.
 *
 * Numbers reach the emulator as plain JS numbers, so `int`/`long` match integral numbers and
 * `double`/`decimal`/`number` any number.
 */
import { CloudbaseError, ErrorCode } from '../errors'
import { keyOf } from './indexes'

type AnyObject = Record<string, unknown>
type Check = (value: unknown) => boolean

const UNSUPPORTED = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id'])
const IGNORED = new Set(['title', 'description'])

const isObject = (v: unknown): v is AnyObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp)

const JSON_TYPES: Record<string, Check> = {
  object: isObject,
  array: Array.isArray,
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  null: (v) => v === null,
}

const BSON_TYPES: Record<string, Check> = {
  ...JSON_TYPES,
  bool: (v) => typeof v === 'boolean',
  double: (v) => typeof v === 'number',
  decimal: (v) => typeof v === 'number',
  int: (v) => typeof v === 'number' && Number.isInteger(v),
  long: (v) => typeof v === 'number' && Number.isInteger(v),
  date: (v) => v instanceof Date,
  regex: (v) => v instanceof RegExp,
  // ObjectIds are stored as their hex strings (see codec.ts).
  objectId: (v) => typeof v === 'string' && /^[0-9a-f]{24}$/i.test(v),
}

function invalid(message: string, prefix = '$jsonSchema '): never {
  throw new CloudbaseError(ErrorCode.RequestFailed, `[FailedOperation] ${prefix}${message}`)
}

function typeCheck(names: unknown, table: Record<string, Check>, keyword: string): Check {
  const list = Array.isArray(names) ? names : [names]
  const checks = list.map((name) => {
    if (typeof name !== 'string') invalid(`keyword '${keyword}' must be a string or an array of strings`)
    if (name === 'integer') invalid(`type 'integer' is not currently supported.`)
    const check = table[name]
    if (!check) invalid(`${keyword} '${name}' is not a known type`)
    return check
  })
  return (v) => checks.some((c) => c(v))
}

function number(schema: AnyObject, key: string): number {
  const value = schema[key]
  if (typeof value !== 'number') invalid(`keyword '${key}' must be a number`)
  return value
}

/** Compiles a schema into a predicate; throws for a malformed schema, as MongoDB does at parse time. */
export function compileJsonSchema(schema: unknown): Check {
  if (!isObject(schema)) invalid('must be an object')
  const checks: Check[] = []
  const add = (check: Check) => checks.push(check)
  const onType = (is: Check, check: Check) => add((v) => !is(v) || check(v))
  const isNumber = JSON_TYPES.number!
  const isString = JSON_TYPES.string!

  for (const [key, value] of Object.entries(schema)) {
    if (IGNORED.has(key)) continue
    if (UNSUPPORTED.has(key)) invalid(`keyword '${key}' is not currently supported`)
    switch (key) {
      case 'type':
        add(typeCheck(value, JSON_TYPES, key))
        break
      case 'bsonType':
        add(typeCheck(value, BSON_TYPES, key))
        break
      case 'enum': {
        if (!Array.isArray(value) || value.length === 0) invalid(`keyword 'enum' must be a non-empty array`)
        const allowed = new Set(value.map(keyOf))
        add((v) => allowed.has(keyOf(v)))
        break
      }
      case 'minimum':
      case 'maximum': {
        const limit = number(schema, key)
        const exclusive = schema[key === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum'] === true
        const ok =
          key === 'minimum' ? (v: number) => (exclusive ? v > limit : v >= limit) : (v: number) => (exclusive ? v < limit : v <= limit)
        onType(isNumber, (v) => ok(v as number))
        break
      }
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        if (typeof value !== 'boolean') invalid(`keyword '${key}' must be a boolean`)
        if (!((key === 'exclusiveMinimum' ? 'minimum' : 'maximum') in schema))
          invalid(`keyword '${key}' requires '${key === 'exclusiveMinimum' ? 'minimum' : 'maximum'}'`)
        break
      case 'multipleOf': {
        const divisor = number(schema, key)
        if (divisor <= 0) invalid(`keyword 'multipleOf' must be positive`)
        onType(isNumber, (v) => Number.isInteger((v as number) / divisor))
        break
      }
      case 'minLength':
      case 'maxLength': {
        const limit = number(schema, key)
        onType(isString, (v) => {
          const length = [...(v as string)].length
          return key === 'minLength' ? length >= limit : length <= limit
        })
        break
      }
      case 'pattern': {
        if (typeof value !== 'string') invalid(`keyword 'pattern' must be a string`)
        const regex = new RegExp(value, 'u')
        onType(isString, (v) => regex.test(v as string))
        break
      }
      case 'required': {
        if (!Array.isArray(value) || value.length === 0 || value.some((f) => typeof f !== 'string'))
          invalid(`keyword 'required' must be a non-empty array of strings`)
        onType(isObject, (v) => value.every((field: string) => (v as AnyObject)[field] !== undefined))
        break
      }
      case 'properties': {
        if (!isObject(value)) invalid(`keyword 'properties' must be an object`)
        const props = Object.entries(value).map(([name, sub]) => [name, compileJsonSchema(sub)] as const)
        onType(isObject, (v) => props.every(([name, check]) => (v as AnyObject)[name] === undefined || check((v as AnyObject)[name])))
        break
      }
      case 'patternProperties':
        if (!isObject(value)) invalid(`keyword 'patternProperties' must be an object`)
        onType(isObject, patternChecks(value))
        break
      case 'additionalProperties': {
        const named = new Set(Object.keys(isObject(schema.properties) ? schema.properties : {}))
        const patterns = Object.keys(isObject(schema.patternProperties) ? schema.patternProperties : {}).map((p) => new RegExp(p, 'u'))
        const extra = (v: AnyObject) => Object.keys(v).filter((k) => !named.has(k) && !patterns.some((p) => p.test(k)))
        if (value === false) onType(isObject, (v) => extra(v as AnyObject).length === 0)
        else if (value !== true) {
          const check = compileJsonSchema(value)
          onType(isObject, (v) => extra(v as AnyObject).every((k) => check((v as AnyObject)[k])))
        }
        break
      }
      case 'minProperties':
      case 'maxProperties': {
        const limit = number(schema, key)
        onType(isObject, (v) => {
          const count = Object.keys(v as AnyObject).length
          return key === 'minProperties' ? count >= limit : count <= limit
        })
        break
      }
      case 'dependencies': {
        if (!isObject(value)) invalid(`keyword 'dependencies' must be an object`)
        const deps = Object.entries(value).map(([field, dep]) => {
          const check: Check = Array.isArray(dep)
            ? (v) => dep.every((f) => (v as AnyObject)[f as string] !== undefined)
            : compileJsonSchema(dep)
          return [field, check] as const
        })
        onType(isObject, (v) => deps.every(([field, check]) => (v as AnyObject)[field] === undefined || check(v)))
        break
      }
      case 'items': {
        if (Array.isArray(value)) {
          const tuple = value.map(compileJsonSchema)
          const extra = schema.additionalItems
          const rest: Check = extra === false ? () => false : isObject(extra) ? compileJsonSchema(extra) : () => true
          onType(Array.isArray, (v) => (v as unknown[]).every((item, i) => (i < tuple.length ? tuple[i]!(item) : rest(item))))
        } else {
          const check = compileJsonSchema(value)
          onType(Array.isArray, (v) => (v as unknown[]).every(check))
        }
        break
      }
      case 'additionalItems':
        // Applies only beside an array-form `items` (handled there), as in draft 4.
        break
      case 'minItems':
      case 'maxItems': {
        const limit = number(schema, key)
        onType(Array.isArray, (v) => (key === 'minItems' ? (v as unknown[]).length >= limit : (v as unknown[]).length <= limit))
        break
      }
      case 'uniqueItems':
        if (value === true) onType(Array.isArray, (v) => new Set((v as unknown[]).map(keyOf)).size === (v as unknown[]).length)
        break
      case 'allOf':
      case 'anyOf':
      case 'oneOf': {
        if (!Array.isArray(value) || value.length === 0) invalid(`keyword '${key}' must be a non-empty array`)
        const subs = value.map(compileJsonSchema)
        if (key === 'allOf') add((v) => subs.every((c) => c(v)))
        else if (key === 'anyOf') add((v) => subs.some((c) => c(v)))
        else add((v) => subs.filter((c) => c(v)).length === 1)
        break
      }
      case 'not': {
        const sub = compileJsonSchema(value)
        add((v) => !sub(v))
        break
      }
      default:
        invalid(`Unknown $jsonSchema keyword: ${key}`, '')
    }
  }
  return (value) => checks.every((check) => check(value))
}

function patternChecks(patterns: AnyObject): Check {
  const compiled = Object.entries(patterns).map(([p, sub]) => [new RegExp(p, 'u'), compileJsonSchema(sub)] as const)
  return (v) => Object.entries(v as AnyObject).every(([k, value]) => compiled.every(([regex, check]) => !regex.test(k) || check(value)))
}
