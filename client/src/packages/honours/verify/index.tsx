import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { contract } from '@honglin/shared'
import Field from '../../../components/field'
import Screen from '../../../components/screen'
import { formatDate } from '../../../logic/honours'
import { api, ApiError, messageOf } from '../../../services/api'
import '../honours.scss'

/** 证书核验: anyone, registered or not, checks a service-hour certificate by its code. */
export default function VerifyPage() {
  const [code, setCode] = useState(() => Taro.getCurrentInstance().router?.params.code ?? '')
  const [result, setResult] = useState<contract.CertificateVerification | undefined>()
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  async function check() {
    setBusy(true)
    setError('')
    setResult(undefined)
    try {
      setResult(await api('points', 'verify', { code }))
    } catch (e) {
      setError(e instanceof ApiError && e.fields?.code ? e.fields.code : messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Screen>
      <Field label="证书编号" error={error}>
        <Input className="input" value={code} maxlength={20} placeholder="如 ABCD-EFGH-JK23" onInput={(e) => setCode(e.detail.value)} />
      </Field>
      <Button block type="primary" size="large" disabled={busy || !code.trim()} onClick={() => void check()}>
        {busy ? '核验中…' : '核验'}
      </Button>
      {result && (
        <View className={`card verify-result ${result.superseded ? 'verify-result--old' : ''}`}>
          <Text className="verify-result__verdict">{result.superseded ? '证书真实，但已被更新的证明替代' : '证书真实有效'}</Text>
          <Text>持有人：{result.name}</Text>
          <Text>期间：{result.period.label}</Text>
          <Text>
            服务时长 {result.hours} 小时 · 服务 {result.items} 项 · 积分 {result.points}
          </Text>
          <Text className="hint">
            编号 {result.code} · 开具于 {formatDate(result.issuedAt)}
          </Text>
          {result.superseded && (
            <Text className="hint">
              {formatDate(result.superseded.at)} 由编号 {result.superseded.by} 的证明替代
            </Text>
          )}
        </View>
      )}
    </Screen>
  )
}
