import { useEffect, useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { contract, DemandAction } from '@honglin/shared'
import {
  actionButtons,
  actionInput,
  FIELD_KEYS,
  FIELD_LABELS,
  type ActionField,
  type ActionSpec,
  type ActionValues,
} from '../../logic/demand-view'
import { NUMBER_INPUT } from '../../logic/numbers'
import { Paths } from '../../logic/roles'
import { api, ApiError, messageOf } from '../../services/api'
import { subscriber } from '../../services/subscribe'
import { newRequestId } from '../../stores/order-form'
import MergePicker from '../merge-picker'
import PhotoPicker from '../photo-picker'
import Field from '../field'
import { TAPPABLE } from '../../logic/tappable'

/** Taking on a task: where the volunteer is asked for task reminders. */
const TAKES_TASK: string[] = ['claim', 'acceptAssignment']

/** The contract's limits of the text fields, counted on the sheet (typing past one is kept and refused, not cut). */
const TEXT_LIMITS: Partial<Record<ActionField, { key: keyof ActionValues; max: number }>> = {
  reason: { key: 'reason', max: 200 },
  reasonOptional: { key: 'reason', max: 200 },
  note: { key: 'note', max: 500 },
  comment: { key: 'comment', max: 200 },
  evaluation: { key: 'evaluation', max: 200 },
}

function countOf(f: ActionField, v: ActionValues): { length: number; max: number } | undefined {
  const limit = TEXT_LIMITS[f]
  if (!limit) return undefined
  const value = v[limit.key]
  return { length: typeof value === 'string' ? value.length : 0, max: limit.max }
}

interface ActionBarProps {
  demandId: string
  available: readonly DemandAction[]
  /** Called with the function's answer after an action succeeded. */
  onDone: (answer: contract.DemandView | { _id: string; status: string }, action: DemandAction) => void
  /** Only these actions (e.g. a list shows the main ones). */
  only?: readonly DemandAction[]
  compact?: boolean
  /** Named on the sheet, so a list's sheet says which demand it acts on. */
  demandTitle?: string
}

/** The buttons for what the caller may do now, and the small form an action asks for. */
export default function ActionBar({ demandId, available, onDone, only, compact, demandTitle }: ActionBarProps) {
  const [open, setOpen] = useState<ActionSpec | null>(null)
  const [values, setValues] = useState<ActionValues>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState('')
  const [busy, setBusy] = useState(false)
  const specs = actionButtons(available).filter((s) => !only || only.includes(s.action))
  const takesTask = specs.some((s) => TAKES_TASK.includes(s.action))
  useEffect(() => {
    if (takesTask) void subscriber.load()
  }, [takesTask])
  if (specs.length === 0) return null

  async function run(spec: ActionSpec, v: ActionValues) {
    if (!spec.call) return
    // Inside the tap, before anything is awaited: WeChat shows the request only then.
    if (TAKES_TASK.includes(spec.action)) void subscriber.ask('tookTask', demandId)
    setBusy(true)
    setFailure('')
    try {
      const call = api as unknown as (fn: string, action: string, input: object) => Promise<contract.DemandView>
      const answer = await call(spec.call.fn, spec.call.action, actionInput(spec, demandId, v))
      setOpen(null)
      setValues({})
      setErrors({})
      void Taro.showToast({ title: spec.done, icon: 'success' })
      onDone(answer, spec.action)
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : {}
      setErrors(fields)
      if (open || spec.fields.length) setFailure(messageOf(error))
      else void Taro.showToast({ title: messageOf(error), icon: 'none', duration: 3000 })
    } finally {
      setBusy(false)
    }
  }

  async function tap(spec: ActionSpec) {
    if (spec.navigate === 'dispatch') {
      void Taro.navigateTo({ url: Paths.dispatch(demandId) })
      return
    }
    if (spec.fields.length) {
      setValues(spec.idempotent ? { requestId: newRequestId() } : {})
      setErrors({})
      setFailure('')
      setOpen(spec)
      return
    }
    if (spec.confirm) {
      const res = await Taro.showModal({
        title: spec.label,
        content: spec.confirm,
        confirmText: spec.confirmLabel ?? '确定',
        cancelText: spec.cancelLabel ?? '再想想',
      })
      if (!res.confirm) return
    }
    await run(spec, {})
  }

  // A field's error goes as soon as it is changed: "请选择星级" does not stay beside five stars.
  const set = (patch: ActionValues) => {
    setValues((v) => ({ ...v, ...patch }))
    const changed = Object.keys(patch).filter((k) => k !== 'requestId')
    if (changed.some((k) => errors[k])) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !changed.includes(k))))
    if (failure) setFailure('')
  }

  return (
    <View className={`action-bar ${compact ? 'action-bar--compact' : ''}`}>
      {specs.map((s) => (
        <Button
          key={s.action}
          className="action-bar__btn"
          type="primary"
          fill={s.primary ? 'solid' : 'outline'}
          size="large"
          disabled={busy}
          onClick={() => void tap(s)}
        >
          {s.label}
        </Button>
      ))}

      {open && (
        <View className="sheet" catchMove>
          <View className="sheet__mask" onClick={() => !busy && setOpen(null)} />
          <View className="sheet__panel">
            <Text className="sheet__title">{open.label}</Text>
            {demandTitle && <Text className="sheet__subject">“{demandTitle}”</Text>}
            {open.fields.map((f) => (
              <Field
                key={f}
                label={FIELD_LABELS[f]}
                error={errors[FIELD_KEYS[f]]}
                count={countOf(f, values)}
                required={f === 'reason' || f === 'note' || f === 'hours' || f === 'stars' || f === 'intoId'}
              >
                {(f === 'reason' || f === 'reasonOptional') && (
                  <Textarea
                    className="textarea"
                    value={values.reason ?? ''}
                    placeholder="请填写原因"
                    maxlength={400}
                    onInput={(e) => set({ reason: e.detail.value })}
                  />
                )}
                {f === 'note' && (
                  <Textarea
                    className="textarea"
                    value={values.note ?? ''}
                    placeholder="做了什么、现在怎么样"
                    maxlength={1000}
                    onInput={(e) => set({ note: e.detail.value })}
                  />
                )}
                {f === 'comment' && (
                  <Textarea
                    className="textarea"
                    value={values.comment ?? ''}
                    placeholder="说说您的感受"
                    maxlength={400}
                    onInput={(e) => set({ comment: e.detail.value })}
                  />
                )}
                {f === 'evaluation' && (
                  <Textarea
                    className="textarea"
                    value={values.evaluation ?? ''}
                    placeholder="办理情况评价"
                    maxlength={400}
                    onInput={(e) => set({ evaluation: e.detail.value })}
                  />
                )}
                {f === 'hours' && (
                  <Input
                    className="input"
                    {...NUMBER_INPUT}
                    value={values.hours ?? ''}
                    placeholder="如 1.5"
                    onInput={(e) => set({ hours: e.detail.value })}
                  />
                )}
                {f === 'intoId' && <MergePicker demandId={demandId} value={values.intoId} onChange={(intoId) => set({ intoId })} />}
                {f === 'photos' && <PhotoPicker value={values.photos ?? []} onChange={(photos) => set({ photos })} folder="work" />}
                {f === 'stars' && (
                  // Stars drawn as text: NutUI's Rate draws icons as <i>, which the weapp build has no template for.
                  <View className="stars">
                    <View className="stars__row">
                      {[1, 2, 3, 4, 5].map((n) => (
                        <Text
                          key={n}
                          className={`stars__star${n <= (values.stars ?? 0) ? ' stars__star--on' : ''}`}
                          {...TAPPABLE}
                          aria-label={`${n} 星`}
                          onClick={() => set({ stars: n })}
                        >
                          ★
                        </Text>
                      ))}
                    </View>
                    <Text className="stars__label">
                      {values.stars ? ['', '很不满意', '不满意', '一般', '满意', '非常满意'][values.stars] : '请点星星打分'}
                    </Text>
                  </View>
                )}
              </Field>
            ))}
            {failure && <Text className="form-failure">{failure}</Text>}
            <View className="sheet__buttons">
              <Button className="sheet__btn" size="large" fill="outline" disabled={busy} onClick={() => setOpen(null)}>
                {open.back}
              </Button>
              <Button className="sheet__btn" type="primary" size="large" disabled={busy} onClick={() => void run(open, values)}>
                {busy ? '提交中…' : open.submit}
              </Button>
            </View>
          </View>
        </View>
      )}
    </View>
  )
}
