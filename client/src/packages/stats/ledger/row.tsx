import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { chinaDateTime, ratingText, type LedgerRow } from '@honglin/shared'
import { Paths } from '../../../logic/roles'
import { TAPPABLE } from '../../../logic/tappable'

/** One line of the 台账 as it will be printed; tapping it opens the demand. */
export default function LedgerLine({ row, seq }: { row: LedgerRow; seq: number }) {
  return (
    <View className="card ledger-row" {...TAPPABLE} onClick={() => void Taro.navigateTo({ url: Paths.demand(row.id) })}>
      <View className="ledger-row__top">
        <Text className="ledger-row__title">
          {seq}. {row.content}
        </Text>
        <Text className="tag tag--plain">{row.statusLabel}</Text>
      </View>
      <Text className="hint">
        {row.date} · {row.kindLabel} · {row.categoryLabel} · {row.gridName}
      </Text>
      {row.address && <Text className="hint">地址：{row.address}</Text>}
      {row.contact && <Text className="hint">联系人：{row.contact}</Text>}
      {row.handler && <Text className="hint">办理人：{row.handler}</Text>}
      {(row.acceptedAt || row.closedAt) && (
        <Text className="hint">
          {row.acceptedAt ? `受理 ${chinaDateTime(row.acceptedAt)}` : ''}
          {row.acceptedAt && row.closedAt ? ' · ' : ''}
          {row.closedAt ? `办结 ${chinaDateTime(row.closedAt)}` : ''}
        </Text>
      )}
      {row.rating && <Text className="hint">评价：{ratingText(row.rating)}</Text>}
    </View>
  )
}
