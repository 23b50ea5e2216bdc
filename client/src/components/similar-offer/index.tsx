/**
 * On the order form: the open demands of the same grid and category with a similar title
 * (`demand.similar`), asked for a moment after the resident stops typing. Following one
 * (`demand.follow`) makes her a co-reporter instead of ordering the same thing again; the
 * create itself never waits for this.
 */
import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { contract } from '@honglin/shared'
import { formatTime, statusLabel } from '../../logic/demand-view'
import { Paths } from '../../logic/roles'
import { api, messageOf } from '../../services/api'
import { newRequestId } from '../../stores/order-form'

interface Props {
  gridId: string
  category: string
  title: string
}

/** Typing pauses this long before the question is asked. */
const QUIET_MS = 600

export default function SimilarOffer({ gridId, category, title }: Props) {
  const [items, setItems] = useState<contract.SimilarDemand[]>([])
  const [busy, setBusy] = useState('')
  const [failure, setFailure] = useState('')
  const latest = useRef(0)
  const wanted = title.trim()

  useEffect(() => {
    const ask = ++latest.current
    if (!gridId || !category || wanted.length < 2) {
      setItems([])
      return undefined
    }
    const timer = setTimeout(() => {
      api('demand', 'similar', { gridId, category, title: wanted })
        .then((res) => ask === latest.current && setItems(res.items))
        // A failed suggestion must not stand in the way of ordering.
        .catch(() => ask === latest.current && setItems([]))
    }, QUIET_MS)
    return () => clearTimeout(timer)
  }, [gridId, category, wanted])

  if (items.length === 0) return null

  async function follow(item: contract.SimilarDemand) {
    setBusy(item._id)
    setFailure('')
    try {
      await api('demand', 'follow', { id: item._id, requestId: newRequestId() })
      void Taro.showToast({ title: '已跟进，进度会通知您', icon: 'success' })
      void Taro.redirectTo({ url: Paths.demand(item._id) })
    } catch (error) {
      setFailure(messageOf(error))
    } finally {
      setBusy('')
    }
  }

  return (
    <View className="card similar-offer">
      <Text className="section-title">这个问题已有人反映，跟进它</Text>
      <Text className="hint">跟进后您会收到它的办理进度，不用再点一单；不是同一件事就继续填写。</Text>
      {items.map((d) => (
        <View key={d._id} className="similar-offer__item">
          <Text className="demand-card__title">{d.title}</Text>
          <Text className="demand-card__meta">
            {statusLabel(d.status)} · {d.address} · {formatTime(d.createdAt, Date.now())}
            {d.followerCount > 0 ? ` · ${d.followerCount} 人跟进` : ''}
          </Text>
          <Button
            className="similar-offer__follow"
            type="primary"
            fill="outline"
            size="small"
            disabled={!!busy || d.following}
            onClick={() => void follow(d)}
          >
            {d.following ? '已跟进' : busy === d._id ? '提交中…' : '跟进它'}
          </Button>
        </View>
      ))}
      {failure && <Text className="form-failure">{failure}</Text>}
    </View>
  )
}
