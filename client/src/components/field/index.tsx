import type { PropsWithChildren } from 'react'
import { View, Text } from '@tarojs/components'

/** A labelled form row with its error underneath. */
export default function Field({
  label,
  error,
  required,
  children,
}: PropsWithChildren<{ label: string; error?: string; required?: boolean }>) {
  return (
    <View className={`field ${error ? 'field--error' : ''}`}>
      <Text className="field__label">
        {label}
        {required && <Text className="field__required"> *</Text>}
      </Text>
      {children}
      {error && <Text className="field__error">{error}</Text>}
    </View>
  )
}
