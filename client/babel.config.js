// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
const nutui = '@nutui/nutui-react-taro/dist/es/packages'

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
  plugins: [
    // NutUI on demand: `import { Button } from '@nutui/nutui-react-taro'` pulls in only
    // dist/es/packages/button and its CSS (folders are lower-case component names).
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        libraryDirectory: 'dist/es/packages',
        camel2DashComponentName: false,
        customName: (name) => `${nutui}/${name.toLowerCase()}`,
        customStyleName: (name) => `${nutui}/${name.toLowerCase()}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
}
