/**
 * H5: the home page's first screen as plain HTML in index.html, drawn as soon as the page and
 * its styles arrive instead of after React, Taro and the app have downloaded and run (on a
 * slow link that is seconds). The app replaces it with the real page the moment that page has
 * rendered; until then its three tiles are links to the order form, which the router opens
 * when it starts. Only for the home page in the normal layout: another route, or 长辈模式 (a
 * different home), removes it before it is drawn.
 *
 * The words mirror pages/index/index.tsx (title, subtitle, 我要点单 and ORDER_KINDS);
 * `npm run bench:first-screen` checks that the app draws the same tiles.
 */
import type { Compiler, Compilation } from 'webpack'

const NAME = 'FirstScreenShell'

/** What pages/index/index.tsx draws first, in the same order. */
export const SHELL_TILES = [
  { key: 'service', title: '服务', hint: '上门帮忙、代办、陪伴' },
  { key: 'wish', title: '微心愿', hint: '说出您的小心愿' },
  { key: 'report', title: '随手拍', hint: '拍下身边的问题' },
] as const

const ELDER_STORAGE_KEY = 'honglin:elder-mode'

function shellHtml(): string {
  const tiles = SHELL_TILES.map(
    (t) =>
      `<a class="home-tile home-tile--${t.key}" href="#/packages/resident/order/index?kind=${t.key}">` +
      `<span class="home-tile__title">${t.title}</span><span class="home-tile__hint">${t.hint}</span></a>`,
  ).join('')
  return (
    `<style>#hl-shell{position:absolute;top:0;left:0;right:0;min-height:100%;box-sizing:border-box}#hl-shell a{text-decoration:none}</style><div id="hl-shell" class="screen home">` +
    `<div class="home__header"><span class="home__title">红邻</span><span class="home__subtitle">党建引领 · 社区服务</span></div>` +
    `<span class="section-title">我要点单</span><div class="home__tiles">${tiles}</div></div>`
  )
}

/**
 * Runs right after the shell is parsed: drops it where it would be wrong, else watches for the
 * app's first page and drops it once that page has drawn something.
 */
const SCRIPT = `(function () {
  var shell = document.getElementById('hl-shell')
  var route = location.hash.replace(/^#\\/?/, '').split('?')[0]
  var elder = false
  try { elder = (localStorage.getItem('${ELDER_STORAGE_KEY}') || '').indexOf('1') >= 0 } catch (e) {}
  if (!shell) return
  if ((route && route !== 'pages/index/index') || elder) return shell.remove()
  var drawn = function () { return document.querySelector('.taro_page > *') }
  var observer = new MutationObserver(function () {
    if (!drawn()) return
    observer.disconnect()
    shell.remove()
  })
  observer.observe(document.body, { childList: true, subtree: true })
  window.addEventListener('hashchange', function () { observer.disconnect(); shell.remove() }, { once: true })
})()`

interface HtmlHooks {
  beforeEmit: { tap(name: string, fn: (data: { html: string }) => unknown): void }
}

interface HtmlPluginClass {
  getHooks(compilation: Compilation): HtmlHooks
}

export class FirstScreenShell {
  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap(NAME, (compilation) => {
      const html = compiler.options.plugins.find((p) => p?.constructor?.name === 'HtmlWebpackPlugin')
      if (!html) return
      const hooks = (html.constructor as unknown as HtmlPluginClass).getHooks(compilation)
      hooks.beforeEmit.tap(NAME, (data) => {
        data.html = data.html.replace('<div id="app"></div>', `<div id="app"></div>${shellHtml()}<script>${SCRIPT}</script>`)
        return data
      })
    })
  }
}
