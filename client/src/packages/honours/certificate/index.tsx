import { useState } from 'react'
import { View, Text, Canvas } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { certificateLayout, CERTIFICATE_PIXEL_RATIO, type contract } from '@honglin/shared'
import Chips from '../../../components/chips'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import { formatDate } from '../../../logic/honours'
import { Paths } from '../../../logic/roles'
import { api, messageOf } from '../../../services/api'
import { useStores } from '../../../stores'
import { TAPPABLE } from '../../../logic/tappable'
import { CANVAS_ID, downloadPng, saveToAlbum, weappPng } from './draw'
import '../honours.scss'

/** 长辈模式 draws the image's type larger too (the layout grows the card to fit). */
const ELDER_IMAGE_SCALE = 1.3

/**
 * 服务时长证明: the caller's hours, items and points for a year, with a code anyone can verify;
 * as an image to keep or share (weapp: saved to the album or shared; H5: a PNG download).
 */
function CertificatePage() {
  const { session } = useStores()
  const thisYear = new Date().getFullYear()
  const years = [thisYear, thisYear - 1].map((y) => ({ value: String(y), label: `${y}年` }))
  const [year, setYear] = useState(thisYear)
  const [cert, setCert] = useState<contract.HonourCertificate | undefined>()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState('')
  const [saving, setSaving] = useState(false)
  const weapp = process.env.TARO_ENV === 'weapp'
  const layout = cert
    ? certificateLayout(
        {
          name: cert.shareName,
          periodLabel: cert.period.label,
          communityName: cert.communityName,
          hours: cert.hours,
          items: cert.items,
          points: cert.points,
          code: cert.code,
          issuedOn: formatDate(cert.issuedAt),
        },
        session.elderMode ? ELDER_IMAGE_SCALE : 1,
      )
    : undefined

  async function saveImage(share: boolean) {
    if (!cert || !layout) return
    setSaving(true)
    setFailure('')
    try {
      if (!weapp) {
        await downloadPng(layout, `志愿服务时长证明-${cert.code}.png`)
        return
      }
      const path = await weappPng(layout)
      if (share) {
        await Taro.showShareImageMenu({ path })
        return
      }
      if (await saveToAlbum(path)) void Taro.showToast({ title: '已保存到相册', icon: 'success' })
    } catch (error) {
      const message = String((error as { errMsg?: string })?.errMsg ?? '')
      if (!/cancel/.test(message)) setFailure(messageOf(error))
    } finally {
      setSaving(false)
    }
  }

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
        {cert && (
          <View className="certificate-actions">
            <Button block fill="outline" disabled={saving} onClick={() => void saveImage(false)}>
              {saving ? '生成图片中…' : weapp ? '保存图片到相册' : '下载证明图片'}
            </Button>
            {weapp && Taro.canIUse('showShareImageMenu') && (
              <Button block fill="outline" disabled={saving} onClick={() => void saveImage(true)}>
                分享证明图片
              </Button>
            )}
          </View>
        )}
        {weapp && layout && (
          // Drawn off screen at the image's size; only exported, never shown.
          <Canvas
            type="2d"
            id={CANVAS_ID}
            className="certificate-canvas"
            style={{ width: `${layout.width / CERTIFICATE_PIXEL_RATIO}px`, height: `${layout.height / CERTIFICATE_PIXEL_RATIO}px` }}
          />
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
