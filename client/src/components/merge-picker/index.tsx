/**
 * Choosing the demand a duplicate is merged into, by tapping it: the likely duplicates
 * (`dispatch.similar`), or what a search of titles and addresses finds. Nobody types an id.
 */
import { useEffect, useRef, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import type { contract } from '@honglin/shared'
import { formatTime, statusLabel } from '../../logic/demand-view'
import { TAPPABLE } from '../../logic/tappable'
import { api, messageOf } from '../../services/api'
import { useStores } from '../../stores'
import './index.scss'

interface Props {
  demandId: string
  value: string | undefined
  onChange: (id: string) => void
}

const QUIET_MS = 400

export default function MergePicker({ demandId, value, onChange }: Props) {
  const { org } = useStores()
  const [q, setQ] = useState('')
  const [items, setItems] = useState<contract.SimilarDemand[] | null>(null)
  const [failure, setFailure] = useState('')
  const latest = useRef(0)

  useEffect(() => {
    const ask = ++latest.current
    const timer = setTimeout(
      () => {
        api('dispatch', 'similar', { id: demandId, q: q.trim() || undefined })
          .then((res) => {
            if (ask !== latest.current) return
            setItems(res.items)
            setFailure('')
          })
          .catch((error) => ask === latest.current && setFailure(messageOf(error)))
      },
      q ? QUIET_MS : 0,
    )
    return () => clearTimeout(timer)
  }, [demandId, q])

  return (
    <View className="merge-picker">
      <Input className="input" value={q} maxlength={20} placeholder="搜索同类点单的标题或地址" onInput={(e) => setQ(e.detail.value)} />
      {items === null && !failure && <Text className="hint">正在查找相同的问题…</Text>}
      {items?.length === 0 && <Text className="hint">{q.trim() ? '没有找到，换个词试试' : '没有发现相似的点单，可以搜索标题或地址'}</Text>}
      {items?.map((d) => (
        <View
          key={d._id}
          className={`card pick ${value === d._id ? 'pick--on' : ''}`}
          {...TAPPABLE}
          role="radio"
          aria-checked={value === d._id}
          onClick={() => onChange(d._id)}
        >
          <View className="pick__head">
            <Text className="pick__name">{d.title}</Text>
            {value === d._id && <Text className="pick__check">✓ 已选</Text>}
          </View>
          <Text className="hint">
            {statusLabel(d.status)} · {org.nameOf(d.gridId) ?? ''} {d.address} · {formatTime(d.createdAt, Date.now())}
            {d.similarity >= 0.25 ? ` · 相似度 ${Math.round(d.similarity * 100)}%` : ''}
          </Text>
        </View>
      ))}
      {failure && <Text className="form-failure">{failure}</Text>}
    </View>
  )
}
