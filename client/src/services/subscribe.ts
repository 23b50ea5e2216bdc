/**
 * The app's one `Subscriber` (logic/subscribe.ts): WeChat's `requestSubscribeMessage` in the
 * mini-program, nothing on H5 (the API does not exist there), remembered in local storage,
 * reported through `user.subscribe`.
 */
import Taro from '@tarojs/taro'
import { Subscriber } from '../logic/subscribe'
import { api } from './api'

export const subscriber = new Subscriber({
  storage: { get: (key) => Taro.getStorageSync(key), set: (key, value) => Taro.setStorageSync(key, value) },
  request:
    process.env.TARO_ENV === 'weapp'
      ? (ids) => Taro.requestSubscribeMessage({ tmplIds: ids } as Taro.requestSubscribeMessage.Option) as Promise<Record<string, unknown>>
      : undefined,
  report: (accepted) => api('user', 'subscribe', { accepted }),
})
