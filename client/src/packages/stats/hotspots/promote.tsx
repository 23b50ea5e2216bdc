import { useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { Hotspot } from '@honglin/shared'
import Field from '../../../components/field'
import { byField, ProjectPaths } from '../../../logic/project'
import { NEED_TITLE_MAX, needDraft } from '../../../logic/stats'
import { TAPPABLE } from '../../../logic/tappable'
import { api, ApiError, messageOf } from '../../../services/api'

interface Props {
  hotspot: Hotspot & { communityId: string }
  /** Made once per hotspot on the page: a second tap or a retry answers the same need. */
  requestId: string
  /** The need's id once it is on the list (kept by the page, so it outlives this card's sheet). */
  needId?: string
  onPromoted: (needId: string) => void
}

/**
 * 转为需求: a recurring problem goes onto its community's 需求清单 with the demands behind it,
 * after the person has read (and may reword) the need's title and explanation.
 */
export default function PromoteHotspot({ hotspot, requestId, needId, onPromoted }: Props) {
  const [draft, setDraft] = useState<{ title: string; detail: string } | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState('')
  const [busy, setBusy] = useState(false)

  async function promote() {
    if (!draft) return
    setBusy(true)
    setErrors({})
    setFailure('')
    try {
      const need = await api('project', 'promoteNeed', {
        communityId: hotspot.communityId,
        title: draft.title,
        detail: draft.detail || undefined,
        demandIds: needDraft(hotspot).demandIds,
        requestId,
      })
      setDraft(null)
      onPromoted(need._id)
    } catch (error) {
      if (error instanceof ApiError) setErrors(byField(error.fields))
      setFailure(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  if (needId)
    return (
      <View className="hotspot__promoted" aria-live="polite">
        <Button className="hotspot__promote" size="large" disabled>
          已转为需求
        </Button>
        <Text className="hotspot__done">已加入需求清单</Text>
        <Text
          className="hotspot__link"
          {...TAPPABLE}
          onClick={() => void Taro.navigateTo({ url: ProjectPaths.lists('needs', hotspot.communityId) })}
        >
          查看需求清单 ›
        </Text>
      </View>
    )

  return (
    <View>
      <Button
        className="hotspot__promote"
        size="large"
        fill="outline"
        type="primary"
        onClick={() => {
          const { title, detail } = needDraft(hotspot)
          setErrors({})
          setFailure('')
          setDraft({ title, detail })
        }}
      >
        转为需求
      </Button>
      {draft && (
        <View className="sheet" catchMove>
          <View className="sheet__mask" onClick={() => !busy && setDraft(null)} />
          <View className="sheet__panel">
            <Text className="sheet__title">转为需求</Text>
            <Text className="hint hotspot__sheet-hint">
              加入社区需求清单，关联这 {needDraft(hotspot).demandIds.length} 条点单，之后可据此立项揭榜。
            </Text>
            <Field label="需求名称" required error={errors.title} count={{ length: draft.title.length, max: NEED_TITLE_MAX }}>
              <Input className="input" value={draft.title} onInput={(e) => setDraft({ ...draft, title: e.detail.value })} />
            </Field>
            <Field label="需求说明" error={errors.detail}>
              <Textarea className="textarea" value={draft.detail} onInput={(e) => setDraft({ ...draft, detail: e.detail.value })} />
            </Field>
            {failure && <Text className="form-failure">{failure}</Text>}
            <View className="sheet__buttons">
              <Button className="sheet__btn" size="large" fill="outline" disabled={busy} onClick={() => setDraft(null)}>
                取消
              </Button>
              <Button className="sheet__btn" size="large" type="primary" disabled={busy} onClick={() => void promote()}>
                {busy ? '提交中…' : '加入需求清单'}
              </Button>
            </View>
          </View>
        </View>
      )}
    </View>
  )
}
