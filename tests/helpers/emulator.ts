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

/**
 * A wx-server-sdk instance pointed at `url`. `cloud.init` only takes effect once per module
 * instance (later calls are ignored), so each call loads a fresh module.
 */
export function sdkFor(url: string): Cloud {
  let cloud: Cloud
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    cloud = require('wx-server-sdk')
  })
  cloud.init({ env: 'local', serviceUrl: `${url}/admin`, secretId: 'x', secretKey: 'y' })
  return cloud
}

export function useEmulator(options: UseEmulatorOptions = {}): TestEmulator {
  const handle = {} as TestEmulator
  beforeAll(async () => {
    const { collections = [], ...rest } = options
    handle.emulator = await startEmulator({ quiet: true, ...rest })
    handle.url = handle.emulator.url
    applySdkEnv(`${handle.url}/admin`)
    handle.cloud = sdkFor(handle.url)
    handle.db = handle.cloud.database()
    for (const name of collections) await handle.db.createCollection(name)
  })
  afterAll(async () => {
    await handle.emulator?.stop()
  })
  return handle
}
