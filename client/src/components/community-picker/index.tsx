/**
 * Which community an admin or street staff looks at (受理台): the communities they may see,
 * as chips; the choice is remembered on this device per person. Street staff may also look at
 * all of their street's communities at once; an admin starts on the first one rather than on
 * nothing.
 */
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { contract } from '@honglin/shared'
import Chips from '../chips'
import { useStores } from '../../stores'

const storageKey = (openid: string) => `honglin:community:${openid}`

/** The community this person chose last time on this device ('' for all of a street's). */
export function rememberedCommunity(openid: string): string {
  const v = Taro.getStorageSync(storageKey(openid))
  return typeof v === 'string' ? v : ''
}

interface Props {
  value: string
  onChange: (communityId: string) => void
}

function CommunityPicker({ value, onChange }: Props) {
  const { session, org } = useStores()
  const [items, setItems] = useState<contract.OrgItem[]>([])
  const streets = session.grants.filter((g) => g.role === 'street_staff' && g.streetId).map((g) => g.streetId!)
  const admin = session.has('admin')

  useEffect(() => {
    if (!session.ready) return
    org
      .loadCommunities()
      .then((all) => {
        const mine = admin ? all : all.filter((c) => c.streetId && streets.includes(c.streetId))
        setItems(mine)
        const known = mine.some((c) => c._id === value)
        if (admin && !known && mine[0]) choose(mine[0]._id)
        else if (!admin && value && !known) choose('')
      })
      .catch(() => undefined)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.ready, session.openid])

  function choose(id: string) {
    Taro.setStorageSync(storageKey(session.openid), id)
    onChange(id)
  }

  if (items.length === 0) return null
  const options = [...(admin ? [] : [{ value: '', label: '全部社区' }]), ...items.map((c) => ({ value: c._id, label: c.name }))]
  return <Chips className="chips--compact community-picker" options={options} value={value} onChange={choose} />
}

export default observer(CommunityPicker)
