/**
 * Geo values and queries through the real SDK: `db.Geo.*` values, `db.command.geoNear` /
 * `geoWithin` / `geoIntersects`, the `geoNear` aggregation stage and 2dsphere indexes.
 *
 * Sources: the CloudBase database reference (Command.geoNear: "需对查询字段建立地理位置索引",
 * sorted near to far, maxDistance/minDistance in metres; Command.geoWithin with `geometry` or
 * `centerSphere` [point, radius in radians]; Command.geoIntersects; Aggregate.geoNear: must be
 * the first stage, needs a geo index, `key` picks one, distanceField/query/includeLocs/
 * distanceMultiplier/limit), TencentCloudBase node-sdk's own geo test suite (every Geo type
 * stored and read back as itself), and MongoDB semantics (distances in metres on a sphere of
 * radius 6378.1 km for GeoJSON points; $nearSphere without an index: "unable to find index for
 * $geoNear query"; the $geoNear stage without one: "$geoNear requires a 2d or 2dsphere index").
 *
 * Landmarks in Tianjin, [longitude, latitude]; distances from the Tianjin Eye on that sphere.
 */
import { useEmulator } from '../../helpers/emulator'
import { errorText, ids, rejection, type Any } from './support'

const EYE = [117.1807, 39.1534] // 天津之眼
const PLACES: Record<string, number[]> = {
  eye: EYE,
  culture: [117.1925, 39.1447], // 古文化街, 1.41 km
  station: [117.2107, 39.1365], // 天津站, 3.20 km
  wudadao: [117.201, 39.115], // 五大道, 4.62 km
  airport: [117.3461, 39.1244], // 滨海国际机场, 14.6 km
  tiananmen: [116.3975, 39.9087], // 北京天安门, 108 km
}
const DISTANCE: Record<string, number> = { eye: 0, culture: 1406, station: 3201, wudadao: 4620, airport: 14641, tiananmen: 107661 }
const RADIUS_METERS = 6378.1 * 1000

const t = useEmulator({
  indexes: { places: [{ name: 'location_geo', keys: { location: '2dsphere' } }] },
  collections: ['places', 'plain', 'areas', 'shapes'],
})

const point = (p: number[]) => new t.db.Geo.Point(p[0], p[1])

beforeAll(async () => {
  for (const [name, p] of Object.entries(PLACES)) {
    await t.db.collection('places').add({ data: { _id: name, kind: name === 'airport' ? 'transport' : 'sight', location: point(p) } })
    await t.db.collection('plain').add({ data: { _id: name, location: point(p) } })
  }
})

function closeTo(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.max(2, expected * 0.001))
}

describe('Geo values', () => {
  test('every db.Geo type is stored as GeoJSON and read back as itself', async () => {
    const { Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon } = t.db.Geo
    const ring = new LineString([new Point(0, 0), new Point(2, 0), new Point(2, 2), new Point(0, 2), new Point(0, 0)])
    const values = {
      p: new Point(117.2, 39.1),
      l: new LineString([new Point(117.1, 39.1), new Point(117.2, 39.2)]),
      g: new Polygon([ring]),
      mp: new MultiPoint([new Point(1, 1), new Point(2, 2)]),
      ml: new MultiLineString([new LineString([new Point(0, 0), new Point(1, 1)])]),
      mg: new MultiPolygon([new Polygon([ring])]),
    }
    await t.db.collection('shapes').add({ data: { _id: 'all', ...values } })
    const read = (await t.db.collection('shapes').doc('all').get()).data
    // The SDK turns GeoJSON it reads back into its own Geo classes.
    expect(Object.fromEntries(Object.entries(read).map(([k, v]) => [k, (v as Any)?.constructor?.name]))).toEqual({
      _id: 'String',
      p: 'Point',
      l: 'LineString',
      g: 'Polygon',
      mp: 'MultiPoint',
      ml: 'MultiLineString',
      mg: 'MultiPolygon',
    })
    for (const key of Object.keys(values)) expect(read[key].toJSON()).toEqual((values as Any)[key].toJSON())
    const stored = t.emulator.database.listDocuments('shapes', { skip: 0, limit: 1 }).docs[0] as Any
    expect(stored.p).toEqual({ type: 'Point', coordinates: [117.2, 39.1] })
    expect(stored.g.type).toBe('Polygon')
  })

  test('a 2dsphere-indexed field only takes geometries', async () => {
    const error = await rejection(t.db.collection('places').add({ data: { _id: 'bad', location: 'Tianjin' } }))
    expect(errorText(error)).toContain("Can't extract geo keys")
    expect(await t.db.collection('places').where({ _id: 'bad' }).count()).toEqual(expect.objectContaining({ total: 0 }))
  })
})

describe('geoNear (query)', () => {
  test('answers nearest first within maxDistance', async () => {
    const _ = t.db.command
    const res = await t.db
      .collection('places')
      .where({ location: _.geoNear({ geometry: point(EYE), maxDistance: 5000 }) })
      .get()
    expect(ids(res.data)).toEqual(['eye', 'culture', 'station', 'wudadao'])
  })

  test('minDistance leaves out what is too close', async () => {
    const _ = t.db.command
    const res = await t.db
      .collection('places')
      .where({ location: _.geoNear({ geometry: point(EYE), minDistance: 2000, maxDistance: 20000 }) })
      .get()
    expect(ids(res.data)).toEqual(['station', 'wudadao', 'airport'])
  })

  test('combines with other conditions, skip and limit', async () => {
    const _ = t.db.command
    const res = await t.db
      .collection('places')
      .where({ kind: 'sight', location: _.geoNear({ geometry: point(EYE) }) })
      .skip(1)
      .limit(2)
      .get()
    expect(ids(res.data)).toEqual(['culture', 'station'])
  })

  test('without a geo index on the field fails as the real service does', async () => {
    const _ = t.db.command
    const error = await rejection(
      t.db
        .collection('plain')
        .where({ location: _.geoNear({ geometry: point(EYE), maxDistance: 5000 }) })
        .get(),
    )
    expect(error.errCode).toBe(-502001)
    expect(errorText(error)).toContain('unable to find index for $geoNear query')
  })

  test('where().update() and remove() with a near condition need the geo index too', async () => {
    const _ = t.db.command
    const near = { location: _.geoNear({ geometry: point(EYE), maxDistance: 10 }) }
    const update = await rejection(
      t.db
        .collection('plain')
        .where(near)
        .update({ data: { seen: true } }),
    )
    expect(errorText(update)).toContain('unable to find index for $geoNear query')
    expect(errorText(await rejection(t.db.collection('plain').where(near).remove()))).toContain('unable to find index for $geoNear query')
    const res = await t.db
      .collection('places')
      .where(near)
      .update({ data: { seen: true } })
    expect(res.stats.updated).toBe(1)
    expect((await t.db.collection('places').doc('eye').get()).data.seen).toBe(true)
  })

  test('count() refuses a near condition, as MongoDB does', async () => {
    const _ = t.db.command
    const error = await rejection(
      t.db
        .collection('places')
        .where({ location: _.geoNear({ geometry: point(EYE), maxDistance: 5000 }) })
        .count(),
    )
    expect(errorText(error)).toContain('$geoNear, $near, and $nearSphere are not allowed in this context')
  })
})

describe('geoWithin', () => {
  test('geometry: the points inside a polygon around central Tianjin', async () => {
    const { Polygon, LineString } = t.db.Geo
    const corners = [
      [117.15, 39.1],
      [117.25, 39.1],
      [117.25, 39.17],
      [117.15, 39.17],
      [117.15, 39.1],
    ]
    const area = new Polygon([new LineString(corners.map(point))])
    const res = await t.db
      .collection('plain')
      .where({ location: t.db.command.geoWithin({ geometry: area }) })
      .get()
    expect((ids(res.data) as string[]).sort()).toEqual(['culture', 'eye', 'station', 'wudadao'])
  })

  test('geometry: a polygon with a hole leaves out what lies in the hole', async () => {
    const { Polygon, LineString } = t.db.Geo
    const ring = (w: number, s: number, e: number, n: number) =>
      new LineString(
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ].map(point),
      )
    const area = new Polygon([ring(117.15, 39.1, 117.25, 39.17), ring(117.17, 39.14, 117.2, 39.16)])
    const res = await t.db
      .collection('plain')
      .where({ location: t.db.command.geoWithin({ geometry: area }) })
      .get()
    expect((ids(res.data) as string[]).sort()).toEqual(['station', 'wudadao'])
  })

  test('centerSphere: the points within 5 km of the Tianjin Eye (radius in radians)', async () => {
    const res = await t.db
      .collection('plain')
      .where({ location: t.db.command.geoWithin({ centerSphere: [point(EYE), 5000 / RADIUS_METERS] }) })
      .get()
    expect((ids(res.data) as string[]).sort()).toEqual(['culture', 'eye', 'station', 'wudadao'])
  })
})

describe('geoIntersects', () => {
  beforeAll(async () => {
    const { Polygon, LineString } = t.db.Geo
    const box = (w: number, s: number, e: number, n: number) =>
      new Polygon([
        new LineString(
          [
            [w, s],
            [e, s],
            [e, n],
            [w, n],
            [w, s],
          ].map(point),
        ),
      ])
    await t.db.collection('areas').add({ data: { _id: 'downtown', area: box(117.15, 39.1, 117.25, 39.17) } })
    await t.db.collection('areas').add({ data: { _id: 'binhai', area: box(117.3, 39.0, 117.8, 39.3) } })
    await t.db.collection('areas').add({ data: { _id: 'beijing', area: box(116.2, 39.8, 116.6, 40.1) } })
  })

  test('a point intersects the area that contains it', async () => {
    const res = await t.db
      .collection('areas')
      .where({ area: t.db.command.geoIntersects({ geometry: point(PLACES.airport!) }) })
      .get()
    expect(ids(res.data)).toEqual(['binhai'])
  })

  test('a line from the Tianjin Eye to the airport crosses downtown and Binhai, not Beijing', async () => {
    const line = new t.db.Geo.LineString([point(EYE), point(PLACES.airport!)])
    const res = await t.db
      .collection('areas')
      .where({ area: t.db.command.geoIntersects({ geometry: line }) })
      .get()
    expect((ids(res.data) as string[]).sort()).toEqual(['binhai', 'downtown'])
  })
})

describe('geoNear (aggregation stage)', () => {
  test('adds the distance in metres, nearest first', async () => {
    const res = await t.db
      .collection('places')
      .aggregate()
      .geoNear({ near: point(EYE), spherical: true, distanceField: 'distance' })
      .end()
    expect(ids(res.list)).toEqual(['eye', 'culture', 'station', 'wudadao', 'airport', 'tiananmen'])
    for (const doc of res.list) closeTo(doc.distance, DISTANCE[doc._id]!)
  })

  test('maxDistance, query, distanceMultiplier and includeLocs', async () => {
    const res = await t.db
      .collection('places')
      .aggregate()
      .geoNear({
        near: point(EYE),
        spherical: true,
        distanceField: 'km',
        distanceMultiplier: 0.001,
        maxDistance: 20000,
        minDistance: 1,
        query: { kind: 'sight' },
        includeLocs: 'where',
      })
      .end()
    expect(ids(res.list)).toEqual(['culture', 'station', 'wudadao'])
    closeTo(res.list[1].km * 1000, DISTANCE.station!)
    // Aggregation answers plain GeoJSON.
    expect(res.list[0].where).toEqual({ type: 'Point', coordinates: PLACES.culture })
  })

  test('later stages see the distance field', async () => {
    const res = await t.db
      .collection('places')
      .aggregate()
      .geoNear({ near: point(EYE), spherical: true, distanceField: 'd', key: 'location' })
      .match({ d: t.db.command.aggregate.gt(10000) })
      .project({ _id: 1 })
      .end()
    expect(ids(res.list)).toEqual(['airport', 'tiananmen'])
  })

  test('without a geo index fails as in MongoDB', async () => {
    const error = await rejection(
      t.db
        .collection('plain')
        .aggregate()
        .geoNear({ near: point(EYE), spherical: true, distanceField: 'd' })
        .end(),
    )
    expect(errorText(error)).toContain('$geoNear requires a 2d or 2dsphere index, but none were found')
  })

  test('anywhere but the first stage is refused', async () => {
    const error = await rejection(
      t.db
        .collection('places')
        .aggregate()
        .match({ kind: 'sight' })
        .geoNear({ near: point(EYE), spherical: true, distanceField: 'd' })
        .end(),
    )
    expect(errorText(error)).toContain('$geoNear is only valid as the first stage in a pipeline')
  })
})
