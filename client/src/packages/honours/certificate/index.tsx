import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { contract } from '@honglin/shared'
import Chips from '../../../components/chips'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import { formatDate } from '../../../logic/honours'
import { Paths } from '../../../logic/roles'
import { api, messageOf } from '../../../services/api'
import { useStores } from '../../../stores'
import { TAPPABLE } from '../../../logic/tappable'
import '../honours.scss'

/** 服务时长证明: the caller's hours, items and points for a year, with a code anyone can verify. */
function CertificatePage() {
  const { session } = useStores()
  const thisYear = new Date().getFullYear()
  const years = [thisYear, thisYear - 1].map((y) => ({ value: String(y), label: `${y}年` }))
  const [year, setYear] = useState(thisYear)
  const [cert, setCert] = useState<contract.HonourCertificate | undefined>()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState('')

  async function issue() {
    setBusy(true)
    setFailure('')
    setCert(undefined)
    try {
      setCert(await api('points', 'certificate', { year }))
    } catch (error) {
      setFailure(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Screen>
      <PageState {...stateOf(session, { loading: false, error: '', reload: () => undefined, data: true })}>
        <Text className="section-title">选择年度</Text>
        <Chips options={years} value={String(year)} onChange={(v) => setYear(Number(v))} />
        <Button block type="primary" size="large" disabled={busy} onClick={() => void issue()}>
          {busy ? '开具中…' : '开具证明'}
        </Button>
        {failure && <Text className="form-failure">{failure}</Text>}
        {cert && (
          <View className="certificate">
            <Text className="certificate__title">志愿服务时长证明</Text>
            <Text className="certificate__body">
              兹证明 {cert.name} 同志于 {cert.period.label} 参加社区志愿服务，经社区销号确认：
            </Text>
            <View className="certificate__numbers">
              <View className="certificate__number">
                <Text className="certificate__value">{cert.hours}</Text>
                <Text className="hint">服务时长（小时）</Text>
              </View>
              <View className="certificate__number">
                <Text className="certificate__value">{cert.items}</Text>
                <Text className="hint">服务项目</Text>
              </View>
              <View className="certificate__number">
                <Text className="certificate__value">{cert.points}</Text>
                <Text className="hint">获得积分</Text>
              </View>
            </View>
            <Text className="certificate__code">核验编号 {cert.code}</Text>
            <Text className="hint">开具于 {formatDate(cert.issuedAt)} · 在红邻小程序“证书核验”输入编号即可查验真伪</Text>
            {cert.replaced && <Text className="hint">服务记录有更新，已替代此前的证明 {cert.replaced}</Text>}
          </View>
        )}
        <View className="entry" {...TAPPABLE} onClick={() => void Taro.navigateTo({ url: Paths.verify })}>
          <View className="entry__text">
            <Text className="entry__title">证书核验</Text>
            <Text className="entry__hint">输入编号查验一份证明</Text>
          </View>
          <Text className="entry__arrow">›</Text>
        </View>
      </PageState>
    </Screen>
  )
}

export default observer(CertificatePage)
