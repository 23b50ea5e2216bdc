/// <reference lib="dom" />
/**
 * Pages of the weapp build (client/dist/weapp, `npm run build:weapp -w client`) in
 * miniprogram-simulate with WeChat's own wxml compiler (`compiler: 'official'`), under jsdom.
 *
 * What a mini-program page needs from its host is shimmed here and nowhere else:
 * - `App` / `getApp` / `getCurrentPages` / `Page`: Taro registers its app and pages with the
 *   mini-program constructors; `Page` is mapped onto `Component` (what miniprogram-simulate
 *   renders): attached → onLoad + onShow, ready → onReady, detached → onUnload;
 * - `wx.cloud`: the one place where WeChat's servers are replaced. `callFunction` goes to a
 *   real emulator (`POST /functions/<name>`, the caller's OPENID in `x-wx-openid`) running the
 *   built cloud functions on the demo data; `uploadFile` goes to its client upload route;
 * - `wx.showToast` / `showModal` (answered 确定) / `navigateTo` / `redirectTo` / `navigateBack` /
 *   `switchTab` / `reLaunch` / `setNavigationBarTitle`: recorded for assertions, answered with success;
 * - `wx.*StorageSync`: an in-memory store;
 * - `wx.chooseImage` / `chooseMedia`: answer the files in `album` (real files on disk).
 *
 * Runtime facts this relies on (Taro 4.2 weapp output, miniprogram-simulate 1.6.2, jsdom):
 * - the rendered DOM keeps Taro's `data-sid` but not the node `id`, and every class gets the
 *   component's tag as prefix (`main--home-tile`); taps go to the simulated node `#<sid>`;
 * - a page's bundle runs once per test file (Jest caches modules), so each route is loaded
 *   once and rendered as often as needed; the app's stores live for the whole file;
 * - Taro runs `useLaunch` (here: `wx.cloud.init` and the login) when the first page mounts;
 * - the emulator runs in the test's jsdom realm; the project's `customExportConditions: ['node']`
 *   keeps its dependencies on their Node builds.
 *
 * Usage (one harness, one app launch and one WeChat user per test file):
 *   const w = useWeapp()
 *   test('…', async () => {
 *     const page = await w.open('pages/index/index')
 *     await page.waitForText('红邻')
 *     await page.tapText('服务')
 *   })
 */
import { existsSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../../emulator/src'
import { readSchema } from '../../../emulator/src/schema'

const root = join(__dirname, '..', '..', '..')
export const WEAPP_DIR = join(root, 'client/dist/weapp')
const FUNCTIONS_DIR = join(root, 'dist/cloudfunctions')
const schema = readSchema(join(root, 'database/schema.json'))
// eslint-disable-next-line @typescript-eslint/no-var-requires
const seedDemo = require(join(root, 'seeds/demo.cjs')) as (emulator: Emulator) => Promise<unknown>

export const DEFAULT_PERSONA = 'demo-resident'

/** What miniprogram-simulate returns from `render` (the parts used here). */
interface SimComponent {
  readonly dom: HTMLElement
  readonly data: Record<string, any>
  readonly instance: Record<string, any>
  dispatchEvent(name: string, options?: Record<string, unknown>): void
  querySelector(selector: string): SimComponent | undefined
  attach(parent: Element): void
  detach(): void
}

interface Simulate {
  load(path: string, options: { compiler: 'official' | 'simulate'; rootPath: string }): string
  render(id: string, properties?: Record<string, unknown>): SimComponent
  sleep(ms: number): Promise<void>
}

type Callbacks = { success?: (res: any) => void; fail?: (err: any) => void; complete?: (res: any) => void }

export interface CloudCall {
  name: string
  data: Record<string, any>
  openid: string
  /** HTTP status of the emulator's answer (0 when the request failed). */
  status: number
  result: any
}

/** Everything the page asked of WeChat, in order. */
export interface WxLog {
  toasts: Record<string, any>[]
  modals: Record<string, any>[]
  /** `{ api: 'navigateTo' | 'redirectTo' | …, url?, delta? }` */
  navigations: { api: string; url?: string; delta?: number }[]
  cloudCalls: CloudCall[]
  uploads: { cloudPath: string; fileID?: string }[]
  cloudInit: Record<string, any>[]
  /** `wx.setNavigationBarTitle` titles, in order. */
  titles: string[]
  /** Tab bar badges set (`wx.setTabBarBadge`; '' for `wx.removeTabBarBadge`), in order. */
  badges: { index: number; text: string }[]
  /**
   * Nodes the page rendered that the build has no template for (WeChat's runtime warns
   * "Template `tmpl_0_<name>` not found" and draws nothing): e.g. `i`, the tag NutUI's icons use.
   */
  missingTemplates: string[]
}

export interface WeappPage {
  /** The page's root component; `dom` is its rendered HTML (`wx-view`, `wx-text`, …). */
  readonly component: SimComponent
  readonly route: string
  /** The rendered text, whitespace collapsed. */
  text(): string
  /** Resolves once `text()` contains `expected` (or the predicate holds); fails after `timeoutMs`. */
  waitForText(expected: string | RegExp, timeoutMs?: number): Promise<void>
  waitFor(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>
  /** Elements (`wx-view`, `wx-text`, …) whose class list contains `className`. */
  byClass(className: string): HTMLElement[]
  /** The innermost rendered element whose text is exactly (or matches) `text`. */
  findText(text: string | RegExp): HTMLElement | undefined
  /**
   * The innermost element showing `text` inside the smallest part of the page that also
   * shows `anchor`: e.g. the 认领 button of the card titled 孙子想要一个新书包.
   */
  findNear(anchor: string | RegExp, text: string | RegExp): HTMLElement | undefined
  /** Taps the innermost element showing `text` (the tap bubbles as on a phone). */
  tapText(text: string | RegExp): Promise<void>
  /** Taps a rendered element (any element Taro rendered: it carries `data-sid`). */
  tap(element: Element): Promise<void>
  /** Types into an `<Input>` / `<Textarea>`: the `input` event a keyboard sends, with the whole value. */
  input(element: Element, value: string): Promise<void>
  /** Lets pending promises, timers and setData calls run. */
  settle(ms?: number): Promise<void>
  /** Detaches the page (onUnload). */
  close(): void
}

export interface Weapp {
  emulator: Emulator
  url: string
  wx: WxLog
  /**
   * Whose OPENID `wx.cloud.callFunction` sends (default demo-resident). The app logs in when
   * its first page opens, so change it (if ever) before that.
   */
  persona: string
  /** While true, `wx.cloud.*` fails as without network (`cloud.callFunction:fail request:fail`). */
  offline: boolean
  /** Files (paths on disk) that `wx.chooseImage` / `wx.chooseMedia` pick next; empty = the person cancels. */
  album: string[]
  /** The mini-program's storage (`wx.setStorageSync` & co). */
  storage: Map<string, unknown>
  /** Renders a page of the build, e.g. `pages/index/index`, with its query. */
  open(route: string, query?: Record<string, string>): Promise<WeappPage>
  /** Forgets recorded calls (not storage). */
  clearLog(): void
}

export interface UseWeappOptions {
  /** Load the demo data (default true). */
  seed?: boolean
  /** The WeChat user (default demo-resident). The app logs in once, when its first page opens. */
  persona?: string
  /** Start without network (see `Weapp.offline`). */
  offline?: boolean
}

/** Is `route` part of the current weapp build? */
export function pageExists(route: string): boolean {
  return existsSync(join(WEAPP_DIR, `${route}.js`)) && existsSync(join(WEAPP_DIR, `${route}.wxml`))
}

/** Whether the build exists at all: the test runner builds it, `npm run build:weapp -w client` too. */
export function assertBuilt(): void {
  if (!existsSync(join(WEAPP_DIR, 'app.js')))
    throw new Error(`no weapp build in ${WEAPP_DIR}: run \`npm run build:weapp -w client\` (npm test does it for you)`)
}

interface Answer {
  status: number
  body: any
  /** The emulator's id of a function invocation (`x-invocation-id`). */
  invocationId: string
}

function postJson(url: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
  const payload = Buffer.from(JSON.stringify(body))
  return postBytes(url, payload, { 'content-type': 'application/json', ...headers })
}

function postBytes(url: string, payload: Buffer, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(payload.length) } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let parsed: unknown
        try {
          parsed = text ? JSON.parse(text) : null
        } catch {
          parsed = text
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, invocationId: String(res.headers['x-invocation-id'] ?? '') })
      })
    })
    req.on('error', reject)
    req.end(payload)
  })
}

/**
 * A WeChat-style async API: callbacks when given, else a Promise (as `wx.cloud.*` does).
 * `run` resolves with the success result or rejects with the `{ errMsg }` failure.
 */
function wxAsync(options: Callbacks, run: () => Promise<any>, inFlight?: Set<Promise<unknown>>): Promise<any> | undefined {
  const usesCallbacks = Boolean(options.success || options.fail || options.complete)
  const work = run()
  if (inFlight) {
    const tracked = work.then(
      () => undefined,
      () => undefined,
    )
    inFlight.add(tracked)
    void tracked.then(() => inFlight.delete(tracked))
  }
  const promise = work.then(
    (res) => {
      options.success?.(res)
      options.complete?.(res)
      return res
    },
    (err) => {
      options.fail?.(err)
      options.complete?.(err)
      throw err
    },
  )
  if (usesCallbacks) {
    promise.catch(() => undefined)
    return undefined
  }
  return promise
}

/** The options a page passed, without its callbacks. */
function plain(options: Record<string, unknown>): Record<string, any> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => typeof value !== 'function'))
}

/** A WeChat-style API that records its options and succeeds. */
function recorded(api: string, log: (options: Record<string, any>) => void, result: Record<string, unknown> = {}) {
  return (options: any = {}) => {
    log(plain(options))
    const res = { errMsg: `${api}:ok`, ...result }
    return wxAsync(options, async () => res)
  }
}

/** An element's classes without miniprogram-simulate's `main--` prefix. */
export function classesOf(element: Element): string[] {
  return (element.getAttribute('class') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((name) => name.replace(/^main--/, ''))
}

/**
 * WeChat's template runtime warns (with a long stack) for each node it has no template for;
 * those become entries of `into` instead. Answers the function that restores console.warn.
 */
function recordMissingTemplates(into: string[]): () => void {
  const warn = console.warn
  console.warn = (...args: unknown[]) => {
    const missing = typeof args[0] === 'string' ? /Template `tmpl_\d+_(.+?)` not found/.exec(args[0]) : null
    if (!missing) return warn(...args)
    if (!into.includes(missing[1]!)) into.push(missing[1]!)
  }
  return () => {
    console.warn = warn
  }
}

/** The innermost element under `root` whose whole text is `text` (or matches it). */
function innermost(root: Element, text: string | RegExp): HTMLElement | undefined {
  const matches = Array.from(root.querySelectorAll<HTMLElement>('*')).filter((el) => {
    const own = collapse(el.textContent)
    return typeof text === 'string' ? own === text : text.test(own)
  })
  return matches.find((el) => !matches.some((other) => other !== el && el.contains(other)))
}

function collapse(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim()
}

export function useWeapp(options: UseWeappOptions = {}): Weapp {
  const { seed = true } = options
  const log: WxLog = {
    toasts: [],
    modals: [],
    navigations: [],
    cloudCalls: [],
    uploads: [],
    cloudInit: [],
    titles: [],
    badges: [],
    missingTemplates: [],
  }
  let restoreWarn: (() => void) | undefined
  const storage = new Map<string, unknown>()
  const open: WeappPage[] = []
  const loaded = new Map<string, string>()
  /** Requests to the emulator not answered yet; it stops only after them. */
  const inFlight = new Set<Promise<unknown>>()
  let simulate: Simulate
  let app: Record<string, any> | undefined
  /** The pages `getCurrentPages()` answers: the component instances, oldest first. */
  const pageStack: Record<string, any>[] = []
  /** The route and query of the page being loaded, for the `Page` shim. */
  let loading: { route: string; query: Record<string, string> } | undefined

  const handle = {
    wx: log,
    storage,
    persona: options.persona ?? DEFAULT_PERSONA,
    offline: options.offline ?? false,
    album: [] as string[],
  } as Weapp

  function installGlobals(): void {
    const g = globalThis as any
    // miniprogram-simulate defines `Component`, `Behavior` and a mock `wx` when it is loaded.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    simulate = require('miniprogram-simulate') as Simulate

    g.App = (appOptions: Record<string, any>) => {
      app = appOptions
    }
    g.getApp = () => app
    g.getCurrentPages = () => [...pageStack]
    g.Page = (pageOptions: Record<string, any>) => {
      const target = loading
      if (!target) throw new Error('Page() called outside of a page load')
      const methods: Record<string, (...args: any[]) => any> = {}
      const rest: Record<string, any> = {}
      for (const [key, value] of Object.entries(pageOptions)) {
        if (typeof value === 'function') methods[key] = value
        else if (key !== 'data') rest[key] = value
      }
      g.Component({
        data: pageOptions.data ?? {},
        methods,
        lifetimes: {
          attached(this: Record<string, any>) {
            const { route, query } = loading ?? target
            Object.assign(this, rest)
            this.route = this.__route__ = route
            this.options = { ...query }
            pageStack.push(this)
            this.onLoad?.({ ...query })
            this.onShow?.()
          },
          ready(this: Record<string, any>) {
            this.onReady?.()
          },
          detached(this: Record<string, any>) {
            this.onHide?.()
            this.onUnload?.()
            const at = pageStack.indexOf(this)
            if (at >= 0) pageStack.splice(at, 1)
          },
        },
      })
    }

    const wx = g.wx as Record<string, any>
    Object.assign(wx, {
      getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
      setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
      removeStorageSync: (key: string) => void storage.delete(key),
      clearStorageSync: () => storage.clear(),
      getStorage: (o: Callbacks & { key: string }) =>
        wxAsync(o, async () => {
          if (!storage.has(o.key)) throw { errMsg: 'getStorage:fail data not found' }
          return { errMsg: 'getStorage:ok', data: storage.get(o.key) }
        }),
      setStorage: (o: Callbacks & { key: string; data: unknown }) =>
        wxAsync(o, async () => {
          storage.set(o.key, o.data)
          return { errMsg: 'setStorage:ok' }
        }),
      removeStorage: (o: Callbacks & { key: string }) =>
        wxAsync(o, async () => {
          storage.delete(o.key)
          return { errMsg: 'removeStorage:ok' }
        }),
      showToast: recorded('showToast', (o) => log.toasts.push(o)),
      hideToast: recorded('hideToast', () => undefined),
      showLoading: recorded('showLoading', () => undefined),
      hideLoading: recorded('hideLoading', () => undefined),
      showModal: recorded('showModal', (o) => log.modals.push(o), { confirm: true, cancel: false }),
      navigateTo: recorded('navigateTo', (o) => log.navigations.push({ api: 'navigateTo', url: o.url })),
      redirectTo: recorded('redirectTo', (o) => log.navigations.push({ api: 'redirectTo', url: o.url })),
      switchTab: recorded('switchTab', (o) => log.navigations.push({ api: 'switchTab', url: o.url })),
      reLaunch: recorded('reLaunch', (o) => log.navigations.push({ api: 'reLaunch', url: o.url })),
      setNavigationBarTitle: recorded('setNavigationBarTitle', (o) => log.titles.push(o.title)),
      setTabBarBadge: recorded('setTabBarBadge', (o) => log.badges.push({ index: o.index, text: o.text })),
      removeTabBarBadge: recorded('removeTabBarBadge', (o) => log.badges.push({ index: o.index, text: '' })),
      navigateBack: recorded('navigateBack', (o) => log.navigations.push({ api: 'navigateBack', delta: o.delta ?? 1 })),
      chooseImage: (o: Callbacks & { count?: number }) =>
        wxAsync(o, async () => {
          const picked = handle.album.slice(0, o.count ?? 9)
          if (picked.length === 0) throw { errMsg: 'chooseImage:fail cancel' }
          return {
            errMsg: 'chooseImage:ok',
            tempFilePaths: picked,
            tempFiles: picked.map((path) => ({ path, size: readFileSync(path).length })),
          }
        }),
      chooseMedia: (o: Callbacks & { count?: number }) =>
        wxAsync(o, async () => {
          const picked = handle.album.slice(0, o.count ?? 9)
          if (picked.length === 0) throw { errMsg: 'chooseMedia:fail cancel' }
          return {
            errMsg: 'chooseMedia:ok',
            type: 'image',
            tempFiles: picked.map((tempFilePath) => ({ tempFilePath, size: readFileSync(tempFilePath).length, fileType: 'image' })),
          }
        }),
      cloud: {
        init: (o: Record<string, any> = {}) => void log.cloudInit.push(o),
        callFunction: (o: Callbacks & { name: string; data?: Record<string, any> }) =>
          wxAsync(
            o,
            async () => {
              // As on a phone: the cloud SDK answers nothing before `wx.cloud.init`.
              if (log.cloudInit.length === 0) throw { errCode: -1, errMsg: 'cloud.callFunction:fail wx.cloud.init has not been called' }
              const openid = handle.persona
              const call: CloudCall = { name: o.name, data: o.data ?? {}, openid, status: 0, result: undefined }
              log.cloudCalls.push(call)
              let answer: Answer
              try {
                if (handle.offline) throw new Error('offline')
                answer = await postJson(`${handle.url}/functions/${encodeURIComponent(o.name)}`, o.data ?? {}, { 'x-wx-openid': openid })
              } catch (error) {
                throw { errCode: -1, errMsg: `cloud.callFunction:fail request:fail ${(error as Error).message}` }
              }
              call.status = answer.status
              call.result = answer.body
              if (answer.status !== 200) {
                const errCode = answer.body?.errCode ?? -504002
                throw { errCode, errMsg: `cloud.callFunction:fail ${errCode} ${answer.body?.errMsg ?? 'functions execute fail'}` }
              }
              return { errMsg: 'cloud.callFunction:ok', result: answer.body, requestID: answer.invocationId }
            },
            inFlight,
          ),
        uploadFile: (o: Callbacks & { cloudPath: string; filePath: string }) =>
          wxAsync(
            o,
            async () => {
              if (handle.offline) throw { errCode: -1, errMsg: 'cloud.uploadFile:fail request:fail offline' }
              // Temporary file paths are real files on disk (see `album`).
              const bytes = readFileSync(o.filePath)
              const path = o.cloudPath.split('/').map(encodeURIComponent).join('/')
              const answer = await postBytes(`${handle.url}/storage/client-upload/${path}`, bytes, {
                'content-type': 'application/octet-stream',
              })
              const upload: WxLog['uploads'][number] = { cloudPath: o.cloudPath }
              log.uploads.push(upload)
              if (answer.status !== 200) throw { errCode: -1, errMsg: `cloud.uploadFile:fail ${answer.body?.message ?? answer.status}` }
              upload.fileID = answer.body.fileID
              return { errMsg: 'cloud.uploadFile:ok', fileID: answer.body.fileID, statusCode: 200 }
            },
            inFlight,
          ),
      },
    })
  }

  /** The simulated component of a rendered element (or of its nearest Taro ancestor). */
  function simTarget(component: SimComponent, route: string, element: Element): SimComponent {
    // Taro renders `id="{{i.uid||i.sid}}" data-sid="{{i.sid}}"`; the DOM keeps only data-sid,
    // the simulated component tree has the id.
    let el: Element | null = element
    while (el && el !== component.dom && !el.getAttribute('data-sid')) el = el.parentElement
    const sid = el?.getAttribute('data-sid')
    if (!sid) throw new Error(`${route}: the element is not a Taro node (no data-sid)`)
    const target = component.querySelector(`#${sid}`)
    if (!target) throw new Error(`${route}: no component #${sid}`)
    return target
  }

  function pageHandle(route: string, component: SimComponent): WeappPage {
    const page: WeappPage = {
      component,
      route,
      text: () => collapse(component.dom.textContent),
      async waitFor(predicate, what, timeoutMs = 10_000) {
        const deadline = Date.now() + timeoutMs
        while (!predicate()) {
          if (Date.now() > deadline)
            throw new Error(`${route}: timed out after ${timeoutMs} ms waiting for ${what}; the page shows: ${page.text()}`)
          await simulate.sleep(20)
        }
      },
      waitForText(expected, timeoutMs) {
        const holds = () => (typeof expected === 'string' ? page.text().includes(expected) : expected.test(page.text()))
        return page.waitFor(holds, `the text ${expected}`, timeoutMs)
      },
      byClass(className) {
        // miniprogram-simulate prefixes every class with the component's tag name (`main--`).
        return Array.from(component.dom.querySelectorAll<HTMLElement>('[class]')).filter((el) => classesOf(el).includes(className))
      },
      findText: (text) => innermost(component.dom, text),
      findNear(anchor, text) {
        const start = page.findText(anchor)
        for (let scope = start?.parentElement; scope && component.dom.contains(scope); scope = scope.parentElement) {
          const found = innermost(scope, text)
          if (found) return found
        }
        return undefined
      },
      async tapText(text) {
        const element = page.findText(text)
        if (!element) throw new Error(`${route}: nothing shows the text ${text}; the page shows: ${page.text()}`)
        await page.tap(element)
      },
      async tap(element) {
        simTarget(component, route, element).dispatchEvent('tap', { detail: { x: 0, y: 0 } })
        await page.settle()
      },
      async input(element, value) {
        simTarget(component, route, element).dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } })
        await page.settle()
      },
      async settle(ms = 50) {
        await simulate.sleep(ms)
      },
      close() {
        const at = open.indexOf(page)
        if (at < 0) return
        open.splice(at, 1)
        component.detach()
      },
    }
    return page
  }

  beforeAll(async () => {
    assertBuilt()
    handle.emulator = await startEmulator({ quiet: true, functionsDir: FUNCTIONS_DIR, indexes: schema.indexes, strictIndexes: true })
    handle.url = handle.emulator.url
    for (const name of schema.collections) handle.emulator.database.ensureCollection(name)
    if (seed) await seedDemo(handle.emulator)

    installGlobals()
    restoreWarn = recordMissingTemplates(log.missingTemplates)
    // The app bundle pulls in Taro's runtime, React and the vendors, then calls App().
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    require(join(WEAPP_DIR, 'app.js'))
    if (!app) throw new Error('the weapp build did not call App()')
    const launch = { path: 'pages/index/index', query: {}, scene: 1001 }
    app.onLaunch?.(launch)
    app.onShow?.(launch)
  })

  afterAll(async () => {
    for (const page of [...open].reverse()) page.close()
    await Promise.all(inFlight)
    await handle.emulator?.stop()
    restoreWarn?.()
  })

  handle.open = async (route, query = {}) => {
    if (!pageExists(route)) throw new Error(`${route} is not in the weapp build (${WEAPP_DIR})`)
    let id = loaded.get(route)
    if (!id) {
      // A page's bundle runs once per test file (Jest caches modules), so each route is loaded once.
      loading = { route, query }
      try {
        id = simulate.load(join(WEAPP_DIR, route), { compiler: 'official', rootPath: WEAPP_DIR })
      } finally {
        loading = undefined
      }
      loaded.set(route, id)
    }
    // The Page shim reads the route and query when the page attaches.
    loading = { route, query }
    const component = simulate.render(id)
    const parent = document.createElement('parent-wrapper')
    document.body.appendChild(parent)
    try {
      component.attach(parent)
    } finally {
      loading = undefined
    }
    const page = pageHandle(route, component)
    open.push(page)
    await page.settle()
    return page
  }
  handle.clearLog = () => {
    for (const list of [log.toasts, log.modals, log.navigations, log.cloudCalls, log.uploads, log.titles, log.badges, log.missingTemplates])
      list.length = 0
  }
  return handle
}
