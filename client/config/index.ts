import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { PreloadFirstPage } from './preload-first-page'
import { BundleStats } from './bundle-stats'
import { FirstScreenShell } from './first-screen-shell'

/** Domain rules shared with the cloud functions, consumed as TypeScript source. */
const sharedSrc = path.resolve(__dirname, '../../shared/src')

/** Taro's own platform builds land in client/dist/<platform>. */
const outputRoot = `dist/${process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp'}`

// https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'honglin',
    date: '2025-11-22',
    // NutUI is drawn on a 375px design, our pages on 750px.
    designWidth(input) {
      const file = typeof input === 'object' && input !== null ? input.file : undefined
      if (file && file.replace(/\\/g, '/').includes('@nutui/')) return 375
      return 750
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot,
    plugins: [],
    defineConstants: {},
    alias: {
      '@honglin/shared': sharedSrc,
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: {
      enable: true,
      buildDependencies: {
        babel: [path.resolve(__dirname, '../babel.config.js')],
        env: [path.resolve(__dirname, 'dev.ts'), path.resolve(__dirname, 'prod.ts')],
      },
    },
    mini: {
      compile: { include: [sharedSrc] },
      // Pages pull NutUI component styles in different orders; each is self-contained.
      miniCssExtractPluginOption: { ignoreOrder: true },
      webpackChain(chain) {
        // With numeric ids, subpackage pages were seen waiting for chunk ids that their
        // sub-common chunks do not declare (3-digit vs 4-digit ids): the page never ran.
        // Named ids are the same string wherever a chunk is referenced.
        chain.optimization.set('chunkIds', 'named')
        chain.module.rule('shared-pure').include.add(sharedSrc).end().set('sideEffects', false)
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSrc] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        // shared/ is pure (no I/O, no globals): a page takes only the rules it imports from the
        // barrel, not every rule and schema behind `@honglin/shared`.
        chain.module.rule('shared-pure').include.add(sharedSrc).end().set('sideEffects', false)
        // Served from the local emulator, not a CDN: warn only when the bundle really grows.
        chain.performance.maxAssetSize(512 * 1024).maxEntrypointSize(512 * 1024)
        chain.plugin('preload-first-page').use(PreloadFirstPage, ['pages/index/index'])
        chain.plugin('first-screen-shell').use(FirstScreenShell)
        if (process.env.HONGLIN_BUNDLE_STATS) chain.plugin('bundle-stats').use(BundleStats, [process.env.HONGLIN_BUNDLE_STATS])
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
