import type { PropsWithChildren } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { TAPPABLE } from '../../logic/tappable'

interface SheetProps {
  title: string
  subject?: string
  failure?: string
  busy: boolean
  back: string
  submit: string
  onClose: () => void
  onSubmit: () => void
}

/** A bottom sheet with a small form: what it is about, its fields, and two clear buttons. */
export default function Sheet({ title, subject, failure, busy, back, submit, onClose, onSubmit, children }: PropsWithChildren<SheetProps>) {
  return (
    <View className="sheet" catchMove>
      <View className="sheet__mask" onClick={() => !busy && onClose()} />
      <View className="sheet__panel">
        <Text className="sheet__title">{title}</Text>
        {subject && <Text className="sheet__subject">“{subject}”</Text>}
        {children}
        {failure && <Text className="form-failure">{failure}</Text>}
        <View className="sheet__buttons">
          <Button className="sheet__btn" size="large" fill="outline" disabled={busy} onClick={onClose}>
            {back}
          </Button>
          <Button className="sheet__btn" size="large" type="primary" disabled={busy} onClick={onSubmit}>
            {busy ? '提交中…' : submit}
          </Button>
        </View>
      </View>
    </View>
  )
}

/** Five tappable text stars (NutUI's Rate draws <i> icons the weapp build cannot show). */
export function Stars({ value, onChange }: { value: number; onChange: (n: number) => void }) {
  return (
    <View className="stars">
      <View className="stars__row">
        {[1, 2, 3, 4, 5].map((n) => (
          <Text
            key={n}
            className={`stars__star${n <= value ? ' stars__star--on' : ''}`}
            {...TAPPABLE}
            aria-label={`${n} 星`}
            onClick={() => onChange(n)}
          >
            ★
          </Text>
        ))}
      </View>
      <Text className="stars__label">{value ? ['', '很不满意', '不满意', '一般', '满意', '非常满意'][value] : '请点星星打分'}</Text>
    </View>
  )
}
