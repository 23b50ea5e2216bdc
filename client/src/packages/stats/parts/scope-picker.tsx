import { View, Text } from '@tarojs/components'
import Chips from '../../../components/chips'
import { TAPPABLE } from '../../../logic/tappable'
import type { ScopeLevel } from './scope'

export interface Crumb extends ScopeLevel {
  name: string
}

interface Props {
  /** Where the person is, from their own place down (全街道 › 新园社区 › 第1网格). */
  path: readonly Crumb[]
  onBack: (depth: number) => void
  /** An admin's streets to start from. */
  streets?: ReadonlyArray<{ _id: string; name: string }>
  onStreet?: (id: string, name: string) => void
}

/** The place the figures are for: the way back up, and for an admin the street to start from. */
export default function ScopePicker({ path, onBack, streets, onStreet }: Props) {
  return (
    <View className="scope-picker">
      {streets && streets.length > 1 && onStreet && (
        <Chips
          className="chips--compact"
          options={streets.map((s) => ({ value: s._id, label: s.name }))}
          value={path[0]?.id ?? ''}
          onChange={(id) => onStreet(id, streets.find((s) => s._id === id)?.name ?? '')}
        />
      )}
      <View className="scope-picker__crumbs">
        {path.map((c, i) => (
          <View key={c.id} className="scope-picker__crumb">
            {i > 0 && <Text className="scope-picker__sep">›</Text>}
            {i < path.length - 1 ? (
              <Text className="scope-picker__up" {...TAPPABLE} onClick={() => onBack(i)}>
                {c.name || '…'}
              </Text>
            ) : (
              <Text className="scope-picker__here">{c.name || '…'}</Text>
            )}
          </View>
        ))}
      </View>
    </View>
  )
}
