import { useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { beijingTime, RedemptionStatusLabels, type Results } from '@honglin/shared'
import Field from '../../../components/field'
import Screen from '../../../components/screen'
import { codeFromScan, codeFromScanResult, codeFromScene } from '../../../logic/mall'
import { api, messageOf, ApiError } from '../../../services/api'
import '../mall.scss'

type Found = Results['mall']['lookup']

/**
 * 核销: scan the holder's code (weapp) or type its digits, see what to hand over, confirm. A
 * code works once; the answer to a second try says when and by whom it was handed over. The
 * holder's 小程序码 opens this page with the code as `scene` when staff scan it with WeChat's
 * camera: it is looked up at once.
 */
function VerifyPage() {
  const { params } = useRouter()
  const [code, setCode] = useState('')
  const [found, setFound] = useState<Found | null>(null)
  const [done, setDone] = useState<Found | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  async function lookup(value = code) {
    setError('')
    setDone(null)
    setFound(null)
    setBusy(true)
    try {
      setFound(await api('mall', 'lookup', { code: value }))
    } catch (e) {
      setError(e instanceof ApiError && e.fields?.code ? e.fields.code : messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  useEffect(() => {
    const digits = codeFromScene(params.scene)
    if (digits.length !== 8) return
    setCode(digits)
    void lookup(digits)
    // Once, for the code the page was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params.scene])

  async function scan() {
    try {
      // 'wxCode': the holder's code is a 小程序码 (see mall.pickupQr); Taro's types predate it.
      const scanType = ['wxCode', 'qrCode', 'barCode'] as unknown as Taro.scanCode.Option['scanType']
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType })
      const digits = codeFromScanResult(res)
      setCode(digits)
      await lookup(digits)
    } catch {
      // The scanner was closed: nothing to do.
    }
  }

  async function confirm() {
    setBusy(true)
    setError('')
    try {
      setDone(await api('mall', 'verify', { code }))
      setFound(null)
      setCode('')
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Screen>
      <View className="card">
        {process.env.TARO_ENV === 'weapp' && (
          <Button block type="primary" className="verify-scan" onClick={() => void scan()}>
            扫描兑换码
          </Button>
        )}
        <Field label="兑换码（8 位数字）" error={error}>
          <Input
            className="input verify-input"
            type="number"
            maxlength={8}
            value={code}
            placeholder="请输入兑换人出示的 8 位数字"
            onInput={(e) => setCode(codeFromScan(e.detail.value))}
          />
        </Field>
        <Button block fill="outline" disabled={busy || code.length !== 8} onClick={() => void lookup()}>
          {busy && !found ? '查询中…' : '查询兑换码'}
        </Button>
      </View>
      {found && (
        <View className="card">
          <Text className="section-title section-title--flush">请核对后发放</Text>
          <View className="kv">
            <Text className="kv__k">礼品</Text>
            <Text className="kv__v verify-reward">{found.rewardName}</Text>
          </View>
          <View className="kv">
            <Text className="kv__k">兑换人</Text>
            <Text className="kv__v">{found.userName}</Text>
          </View>
          <View className="kv">
            <Text className="kv__k">状态</Text>
            <Text className="kv__v">{RedemptionStatusLabels[found.status]}</Text>
          </View>
          <View className="kv">
            <Text className="kv__k">有效期至</Text>
            <Text className="kv__v">{beijingTime(found.expiresAt)}</Text>
          </View>
          {found.status === 'reserved' ? (
            <Button className="verify-confirm" block type="primary" disabled={busy} onClick={() => void confirm()}>
              {busy ? '核销中…' : `已发放「${found.rewardName}」，确认核销`}
            </Button>
          ) : (
            <Text className="form-failure">
              {found.status === 'fulfilled' && found.fulfilledAt
                ? `已于 ${beijingTime(found.fulfilledAt)} 由 ${found.fulfilledByName ?? '工作人员'} 核销，请勿重复发放`
                : '该兑换已失效，不能发放'}
            </Text>
          )}
        </View>
      )}
      {done && (
        <View className="card verify-done">
          <Text className="verify-done__title">核销成功</Text>
          <Text className="hint">
            {done.userName} 的「{done.rewardName}」已于 {beijingTime(done.fulfilledAt ?? Date.now())} 核销
          </Text>
        </View>
      )}
    </Screen>
  )
}

export default observer(VerifyPage)
