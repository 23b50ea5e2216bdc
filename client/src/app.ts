import { createElement, type PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
// NutUI's theme variables, once for the whole app; components bring their own CSS on demand.
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import { api } from './services/api'
import { setCallerOpenid } from './services/cloud'
import { activateByKeyboard } from './logic/tappable'
import { RootStore, StoreContext, type KeyValueStorage } from './stores'
import './app.scss'

const storage: KeyValueStorage = {
  get: (key) => Taro.getStorageSync(key),
  set: (key, value) => Taro.setStorageSync(key, value),
}

const stores = new RootStore({ storage, api })
// On H5 the emulator learns who is calling from the chosen persona.
setCallerOpenid(() => stores.session.openid)
if (process.env.TARO_ENV === 'h5') activateByKeyboard(document)

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') Taro.cloud.init({ traceUser: true })
    void stores.session.login()
  })

  // children are the pages being rendered
  return createElement(StoreContext.Provider, { value: stores }, children)
}

export default App
