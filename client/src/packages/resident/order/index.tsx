import { useEffect, useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import Taro, { useDidHide, useRouter, useUnload } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { reaction } from 'mobx'
import { observer } from 'mobx-react-lite'
import {
  CONSENT_LINE_ON_BEHALF,
  DemandKinds,
  DemandKindLabels,
  nextStepAfterOrder,
  PRIVACY_POINTS,
  PRIVACY_TITLE,
  PRIVACY_VERSION,
  type contract,
  type DemandKind,
} from '@honglin/shared'
import Chips from '../../../components/chips'
import Field from '../../../components/field'
import PageState from '../../../components/page-state'
import PhotoPicker from '../../../components/photo-picker'
import Screen from '../../../components/screen'
import SimilarOffer from '../../../components/similar-offer'
import { Paths } from '../../../logic/roles'
import { api, messageOf } from '../../../services/api'
import { subscriber } from '../../../services/subscribe'
import { useStores } from '../../../stores'
import {
  CONSENT_TEXT,
  discardDraft,
  draftKey,
  LIMITS,
  OrderFormStore,
  readDraft,
  saveDraft,
  type OrderDraft,
} from '../../../stores/order-form'
import { TAPPABLE } from '../../../logic/tappable'
import './index.scss'

const DRAFT_DELAY_MS = 400

const HINTS: Record<DemandKind, { title: string; detail: string }> = {
  service: { title: '如：帮忙修理水龙头', detail: '需要什么帮助、什么时候方便、有什么要注意的' },
  wish: { title: '如：给孙子买个书包', detail: '您的小心愿，以及为什么需要它' },
  report: { title: '如：3号楼路灯不亮', detail: '问题在哪里、从什么时候开始、有什么危险' },
}

/** After a submit: what was sent, what happens next and by when; the main button opens its progress. */
function Submitted({ demand }: { demand: contract.DemandView }) {
  return (
    <View className="card submitted" role="status">
      <Text className="submitted__title">点单已提交</Text>
      <Text className="submitted__subject">“{demand.title}”</Text>
      <Text className="submitted__next">{nextStepAfterOrder(demand)}</Text>
      <Button
        className="submitted__btn"
        type="primary"
        size="large"
        block
        onClick={() => void Taro.redirectTo({ url: Paths.demand(demand._id) })}
      >
        查看办理进度
      </Button>
      <Button className="submitted__btn" fill="outline" size="large" block onClick={() => void Taro.switchTab({ url: Paths.home })}>
        回到首页
      </Button>
    </View>
  )
}

function OrderPage() {
  const { session, org, storage } = useStores()
  const params = useRouter().params
  const kind: DemandKind = DemandKinds.includes(params.kind as DemandKind) ? (params.kind as DemandKind) : 'service'
  const onBehalf = params.onBehalf === '1'
  const key = draftKey(session.openid, kind, onBehalf)
  const [form, setForm] = useState(() => new OrderFormStore(kind, onBehalf, api))
  // A draft left last time: offered before anything new is kept over it.
  const [draft, setDraft] = useState<OrderDraft | undefined>(() => readDraft(storage, key))
  const [created, setCreated] = useState<contract.DemandView | null>(null)
  const [grids, setGrids] = useState<{ value: string; label: string }[]>([])
  const [communities, setCommunities] = useState<{ value: string; label: string }[]>([])
  const [loadError, setLoadError] = useState('')
  const [loading, setLoading] = useState(true)
  const [noticeOpen, setNoticeOpen] = useState(false)
  const f = form.fields
  const e = form.errors

  // The grids to choose from: a grid worker's own grids, else those of the person's community.
  const gridWorker = session.grants.find((g) => g.role === 'grid_worker')
  const communityId = onBehalf ? gridWorker?.communityId : f.communityId || session.communityId

  async function loadPlaces() {
    setLoading(true)
    setLoadError('')
    try {
      if (!communityId) {
        const list = await org.loadCommunities()
        setCommunities(list.map((c) => ({ value: c._id, label: c.name })))
        setGrids([])
      } else {
        const list = await org.loadGrids(communityId)
        const own = onBehalf ? list.filter((g) => gridWorker?.gridIds?.includes(g._id)) : list
        setGrids(own.map((g) => ({ value: g._id, label: g.name })))
        if (own.length === 1 && !form.fields.gridId) form.set('gridId', own[0]!._id)
      }
    } catch (error) {
      setLoadError(messageOf(error))
    } finally {
      setLoading(false)
    }
  }

  // The profile arrives after a reload: contact fields still empty are filled from it.
  useEffect(() => form.prefillContact(session.profile), [form, session.profile])

  // What is typed is kept on the device until the order is sent or the draft discarded:
  // written a moment after typing pauses (not on every key), and when the page is left.
  useEffect(() => {
    if (draft) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const save = () => {
      clearTimeout(timer)
      timer = undefined
      if (!form.created) saveDraft(storage, key, form)
    }
    const dispose = reaction(
      () => JSON.stringify(form.fields),
      () => {
        clearTimeout(timer)
        timer = setTimeout(save, DRAFT_DELAY_MS)
      },
    )
    return () => {
      dispose()
      if (timer !== undefined) save()
    }
  }, [form, draft, storage, key])

  // Leaving the page (back, another tab, the app sent to the background) keeps what was typed
  // at once, not only after the pause: the page may be gone before the pause ends.
  const keepNow = () => {
    if (!draft && !form.created) saveDraft(storage, key, form)
  }
  useDidHide(keepNow)
  useUnload(keepNow)

  function resumeDraft(d: OrderDraft) {
    const next = new OrderFormStore(kind, onBehalf, api, d.fields, d.requestId)
    next.prefillContact(session.profile)
    setForm(next)
    setDraft(undefined)
  }

  function startOver() {
    discardDraft(storage, key)
    setDraft(undefined)
  }

  useEffect(() => {
    if (session.ready) void subscriber.load()
  }, [session.ready])

  useEffect(() => {
    if (session.ready) void loadPlaces()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.ready, communityId])

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: `${onBehalf ? '代居民点单' : '我要点单'} · ${DemandKindLabels[kind]}` })
  }, [kind, onBehalf])

  async function submit() {
    // Inside the tap, before anything is awaited: WeChat shows the request only then.
    void subscriber.ask('ordered', form.requestId)
    const demand = await form.submit()
    if (demand) {
      discardDraft(storage, key)
      setCreated(demand)
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
    } else if (Object.keys(form.errors).length) {
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
    }
  }

  if (onBehalf && session.ready && !gridWorker) {
    return (
      <Screen>
        <PageState error="只有网格员可以代居民点单" />
      </Screen>
    )
  }

  if (created) {
    return (
      <Screen className="order">
        <Submitted demand={created} />
      </Screen>
    )
  }

  if (draft) {
    return (
      <Screen className="order">
        <View className="card draft-choice">
          <Text className="draft-choice__title">上次还有没提交的点单</Text>
          <Text className="draft-choice__subject">{draft.fields.title || draft.fields.detail.slice(0, 20) || '（未填标题）'}</Text>
          <Button type="primary" size="large" block onClick={() => resumeDraft(draft)}>
            继续上次填写
          </Button>
          <Button className="draft-choice__again" fill="outline" size="large" block onClick={startOver}>
            重新填写
          </Button>
        </View>
      </Screen>
    )
  }

  return (
    <Screen className="order">
      <PageState
        loading={!session.ready || loading}
        error={session.error || loadError}
        onRetry={() => (session.error ? void session.login() : void loadPlaces())}
      >
        {onBehalf && <Text className="hint">您正在以网格员身份为居民点单，居民会收到办理进度。</Text>}

        <Field label="类别" required error={e.category}>
          <Chips
            options={form.categories.map((c) => ({ value: c.id, label: c.label }))}
            value={f.category}
            onChange={(v) => form.set('category', v)}
          />
        </Field>

        <Field label="标题" required error={e.title} count={{ length: f.title.length, max: LIMITS.title }}>
          <Input
            className="input"
            value={f.title}
            maxlength={LIMITS.title * 2}
            placeholder={HINTS[kind].title}
            onInput={(ev) => form.set('title', ev.detail.value)}
          />
        </Field>
        {!onBehalf && <SimilarOffer gridId={f.gridId} category={f.category} title={f.title} />}

        <Field label="详细描述" required error={e.detail} count={{ length: f.detail.length, max: LIMITS.detail }}>
          <Textarea
            className="textarea"
            value={f.detail}
            maxlength={LIMITS.detail * 2}
            placeholder={HINTS[kind].detail}
            onInput={(ev) => form.set('detail', ev.detail.value)}
          />
        </Field>

        <Field label={kind === 'report' ? '现场照片' : '照片（可不传）'} error={e.photos}>
          <PhotoPicker value={f.photos} onChange={(v) => form.set('photos', v)} />
        </Field>

        {!communityId && communities.length > 0 && (
          <Field label="所在社区" required>
            <Chips options={communities} value={f.communityId} onChange={(v) => form.set('communityId', v)} />
          </Field>
        )}

        {grids.length > 0 && (
          <Field label="所在网格" required error={e.gridId}>
            <Chips options={grids} value={f.gridId} onChange={(v) => form.set('gridId', v)} />
          </Field>
        )}
        {grids.length === 0 && e.gridId && <Text className="field__error">{communityId ? e.gridId : '请先选择所在社区'}</Text>}

        <Field label="地址" required error={e.address} count={{ length: f.address.length, max: LIMITS.address }}>
          <Input
            className="input"
            value={f.address}
            maxlength={LIMITS.address * 2}
            placeholder="小区、楼号、单元、门牌"
            onInput={(ev) => form.set('address', ev.detail.value)}
          />
        </Field>

        <Field label="紧急程度">
          <Chips
            options={[
              { value: 'normal', label: '一般' },
              { value: 'urgent', label: '紧急' },
            ]}
            value={f.urgent ? 'urgent' : 'normal'}
            onChange={(v) => form.set('urgent', v === 'urgent')}
          />
        </Field>

        <Field label="期望时间（可不填）" error={e.preferredTime}>
          <Input
            className="input"
            value={f.preferredTime}
            maxlength={40}
            placeholder="如：周六上午"
            onInput={(ev) => form.set('preferredTime', ev.detail.value)}
          />
        </Field>

        {onBehalf ? (
          <View>
            <Field label="居民姓名" required error={e.ownerName}>
              <Input
                className="input"
                value={f.ownerName}
                maxlength={20}
                placeholder="为谁点单"
                onInput={(ev) => form.set('ownerName', ev.detail.value)}
              />
            </Field>
            <Field label="居民电话" required error={e.ownerPhone}>
              <Input
                className="input"
                type="number"
                value={f.ownerPhone}
                maxlength={13}
                placeholder="手机号或座机"
                onInput={(ev) => form.set('ownerPhone', ev.detail.value)}
              />
            </Field>
          </View>
        ) : (
          <View>
            <Field label="联系人" required error={e.contactName}>
              <Input
                className="input"
                value={f.contactName}
                maxlength={20}
                placeholder="您的称呼"
                onInput={(ev) => form.set('contactName', ev.detail.value)}
              />
            </Field>
            <Field label="联系电话" required error={e.contactPhone}>
              <Input
                className="input"
                type="number"
                value={f.contactPhone}
                maxlength={13}
                placeholder="手机号或座机"
                onInput={(ev) => form.set('contactPhone', ev.detail.value)}
              />
            </Field>
          </View>
        )}

        <View
          className={`check ${f.consent ? 'check--on' : ''}`}
          {...TAPPABLE}
          role="checkbox"
          aria-checked={f.consent}
          onClick={() => form.set('consent', !f.consent)}
        >
          <Text className="check__box">{f.consent ? '✓' : ''}</Text>
          <Text className="check__text">{onBehalf ? CONSENT_LINE_ON_BEHALF : CONSENT_TEXT}</Text>
        </View>
        {e.consent && <Text className="field__error">{e.consent}</Text>}
        {onBehalf && <Text className="hint">勾选即表示您已向居民说明隐私说明，并征得居民本人同意。</Text>}
        <Text className="hint privacy-notice__toggle" {...TAPPABLE} onClick={() => setNoticeOpen(!noticeOpen)}>
          {PRIVACY_TITLE}（{PRIVACY_VERSION} 版）{noticeOpen ? '收起' : '查看全文'}
        </Text>
        {noticeOpen && (
          <View className="card privacy-notice">
            {PRIVACY_POINTS.map((point, i) => (
              <Text key={i} className="hint privacy-notice__point">
                {i + 1}. {point}
              </Text>
            ))}
          </View>
        )}

        {form.hasErrors && <Text className="form-failure">请按红字提示修改后再提交</Text>}
        {form.failure && <Text className="form-failure">{form.failure}</Text>}
        <View className="bottom-bar">
          <Button type="primary" size="large" block disabled={form.submitting} onClick={() => void submit()}>
            {form.submitting ? '提交中…' : form.failure ? '重新提交' : '提交点单'}
          </Button>
        </View>
      </PageState>
    </Screen>
  )
}

export default observer(OrderPage)
