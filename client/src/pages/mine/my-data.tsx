import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { api } from '../../services/api'
import { MyDataStore } from '../../stores/my-data'

const time = (at: number) => {
  const d = new Date(at)
  return `${d.getHours()}:${String(d.getMinutes()).padStart(2, '0')}`
}

/** 我的数据: export everything stored about me, or delete my account (behind a confirmation sheet). */
function MyData() {
  const [store] = useState(() => new MyDataStore(api))
  if (store.deleted) {
    return (
      <View className="card my-data">
        <Text className="section-title section-title--flush">账号已注销</Text>
        <Text className="hint">
          {store.deleted.cancelled > 0 ? `${store.deleted.cancelled} 条尚未开始办理的点单已取消；` : ''}
          您的点单已去除姓名、电话和详细地址，只作为社区的办理记录保留。再次打开小程序会以新用户身份登录。
        </Text>
      </View>
    )
  }
  return (
    <View className="card my-data">
      <Text className="section-title section-title--flush">我的数据</Text>
      <Text className="hint">导出我们保存的关于您的全部数据：资料、点单、积分明细、消息和同意记录。</Text>
      <Button className="my-data__button" block disabled={store.exporting} onClick={() => void store.exportData()}>
        {store.exporting ? '正在导出…' : '导出我的数据'}
      </Button>
      {store.link && (
        <View className="my-data__link">
          <Text className="hint">下载链接（{time(store.link.expiresAt)} 前有效）：</Text>
          <Text className="my-data__url" selectable userSelect>
            {store.link.url}
          </Text>
          <Button size="small" onClick={() => void Taro.setClipboardData({ data: store.link!.url })}>
            复制下载链接
          </Button>
        </View>
      )}
      <Button className="my-data__button" block type="danger" fill="outline" onClick={store.askToDelete}>
        注销账号
      </Button>
      {store.error && <Text className="form-failure">{store.error}</Text>}
      {store.confirming && (
        <View className="sheet">
          <View className="sheet__mask" onClick={store.keepAccount} />
          <View className="sheet__panel">
            <Text className="sheet__title">确定注销账号吗？</Text>
            <Text className="hint">· 尚未开始办理的点单会被取消；正在办理或待您确认的点单需要先办结。</Text>
            <Text className="hint">· 您的点单会去除姓名、电话和详细地址，只作为社区的办理记录保留。</Text>
            <Text className="hint">· 您的资料、角色、消息和导出的文件会被删除，无法恢复。</Text>
            <Button className="my-data__button" block type="danger" disabled={store.deleting} onClick={() => void store.deleteAccount()}>
              {store.deleting ? '正在注销…' : '注销账号并删除我的资料'}
            </Button>
            <Button className="my-data__button" block onClick={store.keepAccount}>
              不注销，返回
            </Button>
          </View>
        </View>
      )}
    </View>
  )
}

export default observer(MyData)
