/**
 * `npm run release -- --version x.y.z --desc "…" [--preview [--qrcode file] [--page path]]`
 *
 * Builds the weapp client and uploads it as a development version with miniprogram-ci (or, with
 * `--preview`, makes a preview and writes its QR code). Everything is checked before the build:
 * the version, the description, the appid (MP_APPID or project.config.json), the code-upload key
 * (MP_PRIVATE_KEY_PATH) and the robot (MP_ROBOT, 1–30).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative } from 'node:path'
import { miniprogramCi, type MiniProgramCi } from './miniprogram'

export const RELEASE_USAGE =
  'usage: npm run release -- --version x.y.z --desc "说明" [--preview [--qrcode dist/preview-qrcode.jpg] [--page pages/index/index]]'

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/

export interface ReleaseOptions {
  version: string
  desc: string
  preview: boolean
  qrcode: string
  page?: string
  appid: string
  privateKeyPath: string
  robot: number
}

function option(argv: string[], name: string): string | undefined {
  const inline = argv.find((a) => a.startsWith(`--${name}=`))
  if (inline) return inline.slice(name.length + 3)
  const at = argv.indexOf(`--${name}`)
  return at === -1 || argv[at + 1]?.startsWith('--') ? undefined : argv[at + 1]
}

/** Every problem with the arguments and the environment at once, or the options. */
export function parseRelease(argv: string[], env: NodeJS.ProcessEnv, root: string): ReleaseOptions | { errors: string[] } {
  const errors: string[] = []
  const version = option(argv, 'version')
  if (!version) errors.push('缺少 --version（如 1.2.0）/ --version is required (e.g. 1.2.0)')
  else if (!SEMVER.test(version)) errors.push(`版本号 ${version} 不是 x.y.z 形式 / version ${version} is not semver x.y.z`)
  const desc = option(argv, 'desc')?.trim()
  if (!desc) errors.push('缺少 --desc（本次更新说明）/ --desc is required (what this version changes)')

  const config = join(root, 'project.config.json')
  const appid =
    env.MP_APPID?.trim() || (existsSync(config) ? (JSON.parse(readFileSync(config, 'utf8')) as { appid?: string }).appid : undefined)
  if (!appid || appid === 'touristappid')
    errors.push(
      '缺少小程序 AppID：设置 MP_APPID 或改 project.config.json 的 appid（游客 appid 不能上传）/ no AppID: set MP_APPID or project.config.json appid (touristappid cannot upload)',
    )

  const keyPath = env.MP_PRIVATE_KEY_PATH?.trim()
  if (!keyPath)
    errors.push(
      '缺少代码上传密钥：在 mp.weixin.qq.com「开发管理 → 开发设置 → 小程序代码上传」下载密钥，并设置 MP_PRIVATE_KEY_PATH / no code-upload key: download it from the mini-program console and set MP_PRIVATE_KEY_PATH',
    )
  else if (!existsSync(keyPath)) errors.push(`MP_PRIVATE_KEY_PATH 指向的文件不存在：${keyPath} / the key file does not exist`)

  const robotText = env.MP_ROBOT?.trim() || '1'
  const robot = Number(robotText)
  if (!Number.isInteger(robot) || robot < 1 || robot > 30)
    errors.push(`MP_ROBOT 须为 1–30 的整数（当前 ${robotText}）/ MP_ROBOT must be a whole number 1–30`)

  if (errors.length) return { errors }
  const qrcode = option(argv, 'qrcode') ?? join('dist', 'preview-qrcode.jpg')
  return {
    version: version!,
    desc: desc!,
    preview: argv.includes('--preview'),
    qrcode: isAbsolute(qrcode) ? qrcode : join(root, qrcode),
    page: option(argv, 'page'),
    appid: appid!,
    privateKeyPath: keyPath!,
    robot,
  }
}

export interface ReleaseDeps {
  root: string
  env?: NodeJS.ProcessEnv
  ci?: MiniProgramCi
  /** Builds client/dist/weapp; `npm run build:weapp` by default. */
  build?: () => void
  log?: (line: string) => void
}

/** What the upload contains: the weapp build only. */
export const WEAPP_DIR = join('client', 'dist', 'weapp')

export async function main(argv: string[], deps: ReleaseDeps): Promise<number> {
  const log = deps.log ?? ((line: string) => console.log(line))
  const parsed = parseRelease(argv, deps.env ?? process.env, deps.root)
  if ('errors' in parsed) {
    log(`${parsed.errors.join('\n')}\n${RELEASE_USAGE}`)
    return 2
  }
  const build = deps.build ?? (() => execFileSync('npm', ['run', 'build:weapp'], { cwd: deps.root, stdio: 'inherit' }))
  build()
  const projectPath = join(deps.root, WEAPP_DIR)
  if (!existsSync(join(projectPath, 'app.json'))) {
    log(`构建结果中没有 ${WEAPP_DIR}/app.json / the weapp build produced no app.json`)
    return 1
  }
  const ci = deps.ci ?? miniprogramCi
  const project = ci.createProject({
    appid: parsed.appid,
    type: 'miniProgram',
    projectPath,
    privateKeyPath: parsed.privateKeyPath,
    ignores: ['node_modules/**/*', '**/*.map'],
  })
  // The build is already minified and transpiled for the mini-program base library.
  const common = {
    project,
    version: parsed.version,
    desc: parsed.desc,
    robot: parsed.robot,
    setting: { es6: false, es7: false, minify: false },
  }
  try {
    if (parsed.preview) {
      mkdirSync(dirname(parsed.qrcode), { recursive: true })
      await ci.preview({
        ...common,
        qrcodeFormat: 'image',
        qrcodeOutputDest: parsed.qrcode,
        ...(parsed.page ? { pagePath: parsed.page } : {}),
      })
      log(`预览二维码 / preview QR code: ${relative(deps.root, parsed.qrcode)}`)
    } else {
      await ci.upload(common)
      log(
        `已上传 ${parsed.version}（机器人 ${parsed.robot}）：在小程序管理后台「版本管理」提交审核 / uploaded ${parsed.version} as robot ${parsed.robot}; submit it for review in the console`,
      )
    }
    return 0
  } catch (error) {
    const message = (error as Error)?.message ?? String(error)
    log(`上传失败 / upload failed: ${message}`)
    if (/-10008|invalid ip/i.test(message))
      log('本机 IP 不在代码上传的 IP 白名单中（开发设置 → 小程序代码上传）/ add this machine to the upload IP whitelist')
    return 1
  }
}
