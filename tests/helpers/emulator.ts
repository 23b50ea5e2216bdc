/**
 * Starts an emulator for one test file and points the real wx-server-sdk at it.
 * Usage:
 *   const t = useEmulator({ collections: ['todos'] })
 *   test('…', async () => { await t.db.collection('todos').add({ data: { a: 1 } }) })
 */
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/src'
import { applySdkEnv } from './sdk-env'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Cloud = any

export interface TestEmulator {
  emulator: Emulator
  cloud: Cloud
  /** `cloud.database()` */
  db: Cloud
  url: string
}

export interface UseEmulatorOptions extends EmulatorOptions {
  /** Collections created before the tests run. */
  collections?: string[]
}

export function useEmulator(options: UseEmulatorOptions = {}): TestEmulator {
  const handle = {} as TestEmulator
  beforeAll(async () => {
    const { collections = [], ...rest } = options
    handle.emulator = await startEmulator({ quiet: true, ...rest })
    handle.url = handle.emulator.url
    applySdkEnv(`${handle.url}/admin`)
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    handle.cloud = require('wx-server-sdk')
    handle.cloud.init({ env: 'local', serviceUrl: `${handle.url}/admin`, secretId: 'x', secretKey: 'y' })
    handle.db = handle.cloud.database()
    for (const name of collections) await handle.db.createCollection(name)
  })
  afterAll(async () => {
    await handle.emulator?.stop()
  })
  return handle
}
