import { useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { ResourceItem } from '@honglin/shared'
import Field from '../../../components/field'
import PageState, { stateOf } from '../../../components/page-state'
import Screen from '../../../components/screen'
import { useRequest } from '../../../hooks/use-request'
import { api, ApiError, messageOf } from '../../../services/api'
import { useStores } from '../../../stores'
import '../project.scss'

type Row = { name: string; capacity: string; detail: string }

/** 本单位资源清单: what the unit offers the community, kept by its contact (or staff). */
function ResourcesPage() {
  const { session } = useStores()
  const { params } = useRouter()
  const unitId = params.unitId ? decodeURIComponent(params.unitId) : session.grants.find((g) => g.role === 'unit_contact')?.unitId
  const req = useRequest(() => api('org', 'resources', { ...(unitId ? { unitId } : {}) }), [unitId, session.openid], {
    enabled: session.ready && !!unitId,
  })
  const unit = req.data?.items.find((u) => u.unitId === unitId)
  const [rows, setRows] = useState<Row[]>([])
  const [failure, setFailure] = useState('')
  const [fields, setFields] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (unit) setRows(unit.items.map((i) => ({ name: i.name, capacity: i.capacity ?? '', detail: i.detail ?? '' })))
  }, [unit])

  const set = (i: number, patch: Partial<Row>) => {
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
    setFailure('')
  }

  async function save() {
    if (!unitId) return
    setBusy(true)
    setFailure('')
    setFields({})
    try {
      const resources: ResourceItem[] = rows
        .filter((r) => r.name.trim() || r.capacity.trim() || r.detail.trim())
        .map((r) => ({
          name: r.name,
          ...(r.capacity.trim() ? { capacity: r.capacity } : {}),
          ...(r.detail.trim() ? { detail: r.detail } : {}),
        }))
      const saved = await api('org', 'updateResources', { unitId, resources })
      req.setData({ items: [saved] })
      void Taro.showToast({ title: '资源清单已保存', icon: 'success' })
    } catch (error) {
      if (error instanceof ApiError) setFields(error.fields)
      setFailure(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  const errorOf = (i: number, key: string) => fields[`resources.${i}.${key}`]
  return (
    <Screen>
      <PageState {...stateOf(session, req)} empty={!unitId || (!!req.data && !unit)} emptyText="您不是共建单位联系人，没有可维护的资源清单">
        {unit && (
          <View>
            <View className="card">
              <Text className="project-card__title">{unit.unitName}</Text>
              <Text className="hint">登记本单位能为社区提供的人员、场地、物资和服务，社区立项和大党委评审时会参考。</Text>
            </View>
            {rows.map((r, i) => (
              <View key={i} className="card">
                <Field label={`资源 ${i + 1}`} required error={errorOf(i, 'name')}>
                  <Input
                    className="input"
                    value={r.name}
                    placeholder="资源名称，如：党员电工"
                    onInput={(e) => set(i, { name: e.detail.value })}
                  />
                </Field>
                <Field label="数量或频次" error={errorOf(i, 'capacity')}>
                  <Input
                    className="input"
                    value={r.capacity}
                    placeholder="如：每月 2 次、6 人"
                    onInput={(e) => set(i, { capacity: e.detail.value })}
                  />
                </Field>
                <Field label="说明" error={errorOf(i, 'detail')}>
                  <Input
                    className="input"
                    value={r.detail}
                    placeholder="怎么预约、有什么要求"
                    onInput={(e) => set(i, { detail: e.detail.value })}
                  />
                </Field>
                {unit.editable && (
                  <Text className="criteria__remove" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                    删除这项
                  </Text>
                )}
              </View>
            ))}
            {unit.editable && (
              <View>
                <Text className="add-link" onClick={() => setRows([...rows, { name: '', capacity: '', detail: '' }])}>
                  + 添加一项资源
                </Text>
                {(failure || fields.resources) && <Text className="form-failure">{fields.resources || failure}</Text>}
                <Button block size="large" type="primary" disabled={busy} onClick={() => void save()}>
                  {busy ? '保存中…' : '保存资源清单'}
                </Button>
              </View>
            )}
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(ResourcesPage)
