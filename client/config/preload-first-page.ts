/**
 * H5: the first page's code is loaded by the router only after `app.js` has been downloaded,
 * parsed and run, so on a slow link the two downloads happen one after the other. This plugin
 * names the first page's chunks in index.html as `<link rel="preload">`, so the browser fetches
 * them in parallel with the app; the router then finds them in its cache. The page's CSS is
 * linked as a stylesheet outright: the first screen drawn before the app (first-screen-shell.ts)
 * needs it, and the CSS loader does not add a sheet that is already linked.
 */
import type { Compiler, Compilation, Chunk } from 'webpack'

const NAME = 'PreloadFirstPage'

interface HtmlTag {
  tagName: string
  voidTag: boolean
  attributes: Record<string, string | boolean>
  meta: Record<string, unknown>
}

interface HtmlHooks {
  alterAssetTagGroups: {
    tap(name: string, fn: (data: { headTags: HtmlTag[]; bodyTags: HtmlTag[] }) => unknown): void
  }
}

interface HtmlPluginClass {
  getHooks(compilation: Compilation): HtmlHooks
}

export class PreloadFirstPage {
  /** `page` is the first page's source path without extension, e.g. `pages/index/index`. */
  constructor(private readonly page: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap(NAME, (compilation) => {
      // The HtmlWebpackPlugin instance Taro configured (there may be several copies installed).
      const html = compiler.options.plugins.find((p) => p?.constructor?.name === 'HtmlWebpackPlugin')
      if (!html) return
      const hooks = (html.constructor as unknown as HtmlPluginClass).getHooks(compilation)
      hooks.alterAssetTagGroups.tap(NAME, (data) => {
        const publicPath = String(compilation.outputOptions.publicPath ?? '/')
        const loaded = new Set([...data.headTags, ...data.bodyTags].map((t) => String(t.attributes.src ?? t.attributes.href ?? '')))
        for (const file of this.filesOfFirstPage(compilation)) {
          const href = publicPath + file
          if (loaded.has(href)) continue
          const attributes: Record<string, string> = file.endsWith('.css')
            ? { rel: 'stylesheet', href }
            : { rel: 'preload', as: 'script', href }
          data.headTags.push({ tagName: 'link', voidTag: true, attributes, meta: { plugin: NAME } })
        }
        return data
      })
    })
  }

  /** Files of the async chunk groups that contain the page's module. */
  private filesOfFirstPage(compilation: Compilation): string[] {
    const pattern = new RegExp(`[\\\\/]src[\\\\/]${this.page.replace(/\//g, '[\\\\/]')}\\.(tsx|ts|jsx|js)$`)
    const files = new Set<string>()
    for (const chunk of compilation.chunks) {
      const hasPage = [...compilation.chunkGraph.getChunkModulesIterable(chunk)].some((m) => pattern.test(resourceOf(m)))
      if (!hasPage) continue
      for (const group of chunk.groupsIterable) {
        if (group.isInitial()) continue
        for (const member of group.chunks as Chunk[]) for (const file of member.files) if (/\.(js|css)$/.test(file)) files.add(file)
      }
    }
    return [...files].sort()
  }
}

function resourceOf(module: unknown): string {
  const m = module as { resource?: string; rootModule?: { resource?: string }; modules?: { resource?: string }[] }
  if (m.resource) return m.resource
  // Concatenated modules keep their parts' resources.
  return m.rootModule?.resource ?? ''
}
