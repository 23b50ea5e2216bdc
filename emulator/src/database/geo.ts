/**
 * Geometry for the geo query operators (`$nearSphere` from `db.command.geoNear`, `$geoWithin`,
 * `$geoIntersects`) and the `$geoNear` stage. Values are GeoJSON (what `db.Geo.*` serialises to):
 * Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon, [longitude, latitude].
 *
 * Distances are great-circle distances in metres on MongoDB's sphere (radius 6378.1 km), the
 * unit MongoDB uses for GeoJSON points. Containment and intersection treat edges as straight
 * lines in longitude/latitude; MongoDB (S2) uses geodesic edges, which differs only for shapes
 * hundreds of kilometres across.
 */
import { CloudbaseError, ErrorCode } from '../errors'

export const EARTH_RADIUS_METERS = 6378.1 * 1000

export type Position = [number, number]
export interface Geometry {
  type: string
  coordinates: unknown
}

const TYPES = ['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon']

function bad(message: string): never {
  throw new CloudbaseError(ErrorCode.RequestFailed, `[FailedOperation] ${message}`)
}

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90

/** Is `value` a GeoJSON geometry MongoDB would index (valid coordinates, closed rings)? */
export function isGeometry(value: unknown): value is Geometry {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const { type, coordinates: c } = value as { type?: unknown; coordinates?: unknown }
  if (typeof type !== 'string' || !TYPES.includes(type) || !Array.isArray(c)) return false
  const line = (l: unknown) => Array.isArray(l) && l.length >= 2 && l.every(isPosition)
  const ring = (r: unknown) => line(r) && (r as Position[]).length >= 4 && samePosition((r as Position[])[0]!, (r as Position[]).at(-1)!)
  const polygon = (p: unknown) => Array.isArray(p) && p.length >= 1 && p.every(ring)
  switch (type) {
    case 'Point':
      return isPosition(c)
    case 'LineString':
      return line(c)
    case 'Polygon':
      return polygon(c)
    case 'MultiPoint':
      return c.length > 0 && c.every(isPosition)
    case 'MultiLineString':
      return c.length > 0 && c.every(line)
    default:
      return c.length > 0 && c.every(polygon)
  }
}

export function asGeometry(value: unknown, what: string): Geometry {
  if (!isGeometry(value)) bad(`${what} must be a valid GeoJSON geometry: ${JSON.stringify(value)}`)
  return value
}

/** A point given as GeoJSON or as a legacy [lng, lat] pair. */
export function asPoint(value: unknown, what: string): Position {
  if (isPosition(value)) return [value[0], value[1]]
  const geometry = asGeometry(value, what)
  if (geometry.type !== 'Point') bad(`${what} must be a Point`)
  return geometry.coordinates as Position
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1]
}

const rad = (deg: number) => (deg * Math.PI) / 180

/** Great-circle distance in radians (haversine). */
export function angularDistance(a: Position, b: Position): number {
  const dLat = rad(b[1] - a[1])
  const dLng = rad(b[0] - a[0])
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)))
}

export function distanceMeters(a: Position, b: Position): number {
  return angularDistance(a, b) * EARTH_RADIUS_METERS
}

/** Every position of a geometry. */
function positions(g: Geometry): Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates as Position]
    case 'LineString':
    case 'MultiPoint':
      return g.coordinates as Position[]
    case 'Polygon':
    case 'MultiLineString':
      return (g.coordinates as Position[][]).flat()
    default:
      return (g.coordinates as Position[][][]).flat(2)
  }
}

function segmentsOf(g: Geometry): [Position, Position][] {
  const lines: Position[][] =
    g.type === 'LineString'
      ? [g.coordinates as Position[]]
      : g.type === 'Polygon' || g.type === 'MultiLineString'
        ? (g.coordinates as Position[][])
        : g.type === 'MultiPolygon'
          ? (g.coordinates as Position[][][]).flat()
          : []
  return lines.flatMap((line) => line.slice(1).map((p, i) => [line[i]!, p] as [Position, Position]))
}

function polygonsOf(g: Geometry): Position[][][] {
  if (g.type === 'Polygon') return [g.coordinates as Position[][]]
  if (g.type === 'MultiPolygon') return g.coordinates as Position[][][]
  return []
}

/** Distance from `from` to the nearest point of `g`, in metres (vertices and edges). */
export function distanceToGeometry(from: Position, g: Geometry): number {
  if (polygonsOf(g).some((poly) => inPolygon(from, poly, true))) return 0
  let best = Math.min(...positions(g).map((p) => distanceMeters(from, p)))
  for (const [a, b] of segmentsOf(g)) best = Math.min(best, distanceToSegment(from, a, b))
  return best
}

/** Closest point of segment a–b to p in a local equirectangular projection around p. */
function distanceToSegment(p: Position, a: Position, b: Position): number {
  const k = Math.cos(rad(p[1]))
  const ax = (a[0] - p[0]) * k
  const ay = a[1] - p[1]
  const bx = (b[0] - p[0]) * k
  const by = b[1] - p[1]
  const dx = bx - ax
  const dy = by - ay
  const len2 = dx * dx + dy * dy
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2))
  const closest: Position = [p[0] + (ax + t * dx) / (k || 1), p[1] + ay + t * dy]
  return distanceMeters(p, closest)
}

function pointInRing(p: Position, ring: Position[], boundary: boolean): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!
    const b = ring[j]!
    if (onSegment(p, a, b)) return boundary
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside
  }
  return inside
}

/** Inside the outer ring and outside every hole; `boundary` says whether the edge counts as inside. */
function inPolygon(p: Position, polygon: Position[][], boundary: boolean): boolean {
  const [outer, ...holes] = polygon
  if (!outer || !pointInRing(p, outer, boundary)) return false
  return holes.every((hole) => !pointInRing(p, hole, !boundary))
}

const cross = (o: Position, a: Position, b: Position) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

function onSegment(p: Position, a: Position, b: Position): boolean {
  return (
    Math.abs(cross(a, b, p)) < 1e-12 &&
    p[0] >= Math.min(a[0], b[0]) - 1e-12 &&
    p[0] <= Math.max(a[0], b[0]) + 1e-12 &&
    p[1] >= Math.min(a[1], b[1]) - 1e-12 &&
    p[1] <= Math.max(a[1], b[1]) + 1e-12
  )
}

function segmentsIntersect(a: Position, b: Position, c: Position, d: Position): boolean {
  const d1 = cross(c, d, a)
  const d2 = cross(c, d, b)
  const d3 = cross(a, b, c)
  const d4 = cross(a, b, d)
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true
  return onSegment(a, c, d) || onSegment(b, c, d) || onSegment(c, a, b) || onSegment(d, a, b)
}

/** `$geoWithin: { $geometry }`: every part of `value` lies inside the (multi)polygon `area`. */
export function within(value: Geometry, area: Geometry): boolean {
  const polygons = polygonsOf(area)
  if (polygons.length === 0) bad('$geoWithin $geometry must be a Polygon or a MultiPolygon')
  const insideSome = (p: Position) => polygons.some((poly) => inPolygon(p, poly, true))
  if (!positions(value).every(insideSome)) return false
  // A line may leave the area between two inside vertices: no edge may cross the area's edges.
  const edges = segmentsOf(area)
  return segmentsOf(value).every(
    ([a, b]) => edges.every(([c, d]) => !properCross(a, b, c, d)) && insideSome([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]),
  )
}

function properCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const d1 = cross(c, d, a)
  const d2 = cross(c, d, b)
  const d3 = cross(a, b, c)
  const d4 = cross(a, b, d)
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
}

/** `$geoWithin: { $centerSphere: [[lng, lat], radians] }`: every position within the cap. */
export function withinCenterSphere(value: Geometry, center: Position, radians: number): boolean {
  return positions(value).every((p) => angularDistance(center, p) <= radians)
}

/** `$geoIntersects`: the two geometries share at least one point. */
export function intersects(a: Geometry, b: Geometry): boolean {
  const sa = segmentsOf(a)
  const sb = segmentsOf(b)
  if (sa.some(([p, q]) => sb.some(([r, s]) => segmentsIntersect(p, q, r, s)))) return true
  const inside = (points: Position[], g: Geometry) => {
    const polys = polygonsOf(g)
    if (polys.length) return points.some((p) => polys.some((poly) => inPolygon(p, poly, true)))
    const segments = segmentsOf(g)
    const own = positions(g)
    return points.some((p) => own.some((o) => samePosition(o, p)) || segments.some(([r, s]) => onSegment(p, r, s)))
  }
  return inside(positions(a), b) || inside(positions(b), a)
}
