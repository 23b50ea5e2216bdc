/**
 * `npm run release`: arguments and keys are checked before anything is built; the upload and
 * the preview reach miniprogram-ci with the build, appid, key, robot, version and description.
 * miniprogram-ci is replaced at its one import site (scripts/deploy/miniprogram.ts) by a
 * recorder that answers like it (the preview writes its QR code image).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const recorded: Array<{ call: string; options: any }> = []
let failWith: Error | undefined

jest.mock('miniprogram-ci', () => ({
  Project: class {
    constructor(public options: unknown) {
      recorded.push({ call: 'Project', options })
    }
  },
  upload: async (options: any) => {
    recorded.push({ call: 'upload', options })
    if (failWith) throw failWith
    return { subPackageInfo: [] }
  },
  preview: async (options: any) => {
    recorded.push({ call: 'preview', options })
    writeFileSync(options.qrcodeOutputDest, 'jpeg')
    return {}
  },
}))

// Loaded after the mock is in place.
import { main, parseRelease } from '../../scripts/deploy/release'

let root: string
let key: string
let builds: number
const build = () => {
  builds++
  mkdirSync(join(root, 'client/dist/weapp'), { recursive: true })
  writeFileSync(join(root, 'client/dist/weapp/app.json'), '{"pages":["pages/index/index"]}')
}

beforeEach(() => {
  recorded.length = 0
  failWith = undefined
  builds = 0
  root = mkdtempSync(join(tmpdir(), 'honglin-release-'))
  writeFileSync(join(root, 'project.config.json'), JSON.stringify({ appid: 'wx0123456789abcdef', miniprogramRoot: 'client/dist/weapp/' }))
  key = join(root, 'private.wx0123456789abcdef.key')
  writeFileSync(key, '-----BEGIN RSA PRIVATE KEY-----\n')
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

async function release(argv: string[], env: NodeJS.ProcessEnv) {
  const lines: string[] = []
  const code = await main(argv, { root, env, build, log: (l) => lines.push(l) })
  return { code, out: lines.join('\n') }
}

describe('arguments and keys, before any build', () => {
  it('names every problem at once and builds nothing', async () => {
    writeFileSync(join(root, 'project.config.json'), JSON.stringify({ appid: 'touristappid' }))
    const { code, out } = await release(['--version', '1.0'], { MP_ROBOT: '31' })
    expect(code).toBe(2)
    for (const part of [
      'version 1.0 is not semver',
      '--desc is required',
      'touristappid cannot upload',
      'MP_PRIVATE_KEY_PATH',
      'MP_ROBOT must be a whole number 1–30',
    ])
      expect(out).toContain(part)
    expect(builds).toBe(0)
    expect(recorded).toEqual([])
  })

  it('accepts only x.y.z versions, and a key file that exists', () => {
    const env = { MP_PRIVATE_KEY_PATH: key }
    for (const bad of ['v1.2.3', '1.2', '01.2.3', '1.2.3.4', '1.2.x'])
      expect(parseRelease(['--version', bad, '--desc', 'x'], env, root)).toEqual({
        errors: [expect.stringContaining(`version ${bad} is not semver`)],
      })
    expect(parseRelease(['--version', '1.2.3-rc.1', '--desc', '修复'], env, root)).toMatchObject({
      version: '1.2.3-rc.1',
      robot: 1,
      appid: 'wx0123456789abcdef',
    })
    expect(parseRelease(['--version', '1.2.3', '--desc', 'x'], { MP_PRIVATE_KEY_PATH: join(root, 'nowhere.key') }, root)).toEqual({
      errors: [expect.stringContaining('the key file does not exist')],
    })
    expect(parseRelease(['--version', '1.2.3', '--desc', '--preview'], env, root)).toEqual({
      errors: [expect.stringContaining('--desc is required')],
    })
  })
})

describe('upload and preview', () => {
  it('builds, then uploads the weapp build with the appid, key, robot, version and description', async () => {
    const { code, out } = await release(['--version', '1.4.0', '--desc', '订阅消息与积分超市'], { MP_PRIVATE_KEY_PATH: key, MP_ROBOT: '3' })
    expect(code).toBe(0)
    expect(builds).toBe(1)
    expect(recorded.map((r) => r.call)).toEqual(['Project', 'upload'])
    expect(recorded[0].options).toEqual({
      appid: 'wx0123456789abcdef',
      type: 'miniProgram',
      projectPath: join(root, 'client/dist/weapp'),
      privateKeyPath: key,
      ignores: ['node_modules/**/*', '**/*.map'],
    })
    expect(recorded[1].options).toMatchObject({ version: '1.4.0', desc: '订阅消息与积分超市', robot: 3 })
    expect(out).toContain('uploaded 1.4.0 as robot 3')
  })

  it('MP_APPID overrides project.config.json', async () => {
    await release(['--version', '1.4.0', '--desc', 'x'], { MP_PRIVATE_KEY_PATH: key, MP_APPID: 'wxfedcba9876543210' })
    expect(recorded[0].options.appid).toBe('wxfedcba9876543210')
  })

  it('--preview writes the QR code image where asked and does not upload', async () => {
    const { code } = await release(
      ['--version', '1.4.0', '--desc', 'x', '--preview', '--qrcode', 'out/qr.jpg', '--page', 'pages/inbox/index'],
      { MP_PRIVATE_KEY_PATH: key },
    )
    expect(code).toBe(0)
    expect(recorded.map((r) => r.call)).toEqual(['Project', 'preview'])
    expect(recorded[1].options).toMatchObject({
      qrcodeFormat: 'image',
      qrcodeOutputDest: join(root, 'out/qr.jpg'),
      pagePath: 'pages/inbox/index',
      version: '1.4.0',
    })
    expect(existsSync(join(root, 'out/qr.jpg'))).toBe(true)
  })

  it('an upload refused for the IP whitelist says so and exits 1', async () => {
    failWith = new Error('{"errCode":-10008,"errMsg":"invalid ip: 1.2.3.4"}')
    const { code, out } = await release(['--version', '1.4.0', '--desc', 'x'], { MP_PRIVATE_KEY_PATH: key })
    expect(code).toBe(1)
    expect(out).toContain('IP 白名单')
  })

  it('a build without app.json uploads nothing', async () => {
    const lines: string[] = []
    const code = await main(['--version', '1.4.0', '--desc', 'x'], {
      root,
      env: { MP_PRIVATE_KEY_PATH: key },
      build: () => mkdirSync(dirname(join(root, 'client/dist/weapp/x')), { recursive: true }),
      log: (l) => lines.push(l),
    })
    expect(code).toBe(1)
    expect(recorded).toEqual([])
  })
})
