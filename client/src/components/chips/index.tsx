import { View, Text } from '@tarojs/components'
import { TAPPABLE } from '../../logic/tappable'

export interface ChipOption {
  value: string
  label: string
}

interface ChipsProps {
  options: readonly ChipOption[]
  value: string | readonly string[]
  onChange: (value: string) => void
  className?: string
}

/** Big tappable choices (a category, a grid, a filter); several may be on when `value` is a list. */
export default function Chips({ options, value, onChange, className = '' }: ChipsProps) {
  const on = (v: string) => (Array.isArray(value) ? value.includes(v) : value === v)
  return (
    <View className={`chips ${className}`}>
      {options.map((o) => (
        <View
          key={o.value}
          className={`chip ${on(o.value) ? 'chip--on' : ''}`}
          {...TAPPABLE}
          aria-pressed={on(o.value)}
          onClick={() => onChange(o.value)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}
