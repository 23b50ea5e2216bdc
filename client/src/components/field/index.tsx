import type { PropsWithChildren } from 'react'
import { View, Text } from '@tarojs/components'

/** A labelled form row with its error underneath, and a counter on a length-limited field. */
export default function Field({
  label,
  error,
  required,
  count,
  children,
}: PropsWithChildren<{ label: string; error?: string; required?: boolean; count?: { length: number; max: number } }>) {
  const over = count ? count.length - count.max : 0
  return (
    <View className={`field ${error ? 'field--error' : ''}`}>
      <Text className="field__label">
        {label}
        {required && <Text className="field__required"> *</Text>}
      </Text>
      {children}
      {count && (
        <Text className={`field__count ${over > 0 ? 'field__count--over' : ''}`} aria-live="polite">
          {over > 0 ? `超出 ${over} 字，请删减 · ` : ''}
          {count.length}/{count.max}
        </Text>
      )}
      {error && <Text className="field__error">{error}</Text>}
    </View>
  )
}
