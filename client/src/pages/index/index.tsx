import { View, Text } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import PersonaPicker from '../../components/persona-picker'
import Screen from '../../components/screen'
import EntryLink from '../../components/entry'
import { entriesFor, Paths, roleLabel } from '../../logic/roles'
import { statsEntriesFor } from '../../logic/stats'
import { projectEntriesFor } from '../../logic/project'
import { useStores } from '../../stores'
import { ConnectionCard } from './connection-card'
import { usePing } from './use-ping'
import { TAPPABLE } from '../../logic/tappable'
import './index.scss'
import { useUnreadBadge } from '../../hooks/use-unread-badge'

/** Roles whose workbench links the audit log (操作日志). */
const STAFF_ROLES: readonly string[] = ['community_staff', 'street_staff', 'admin']

/** The three ways a resident can place an order (点单). */
const ORDER_KINDS = [
  { key: 'service', title: '服务', hint: '上门帮忙、代办、陪伴' },
  { key: 'wish', title: '微心愿', hint: '说出您的小心愿' },
  { key: 'report', title: '随手拍', hint: '拍下身边的问题' },
] as const

function OrderTiles({ big }: { big?: boolean }) {
  return (
    <View className={`home__tiles ${big ? 'home__tiles--big' : ''}`}>
      {ORDER_KINDS.map((kind) => (
        <View
          key={kind.key}
          className={`home-tile home-tile--${kind.key}`}
          {...TAPPABLE}
          onClick={() => void Taro.navigateTo({ url: Paths.order(kind.key) })}
        >
          <Text className="home-tile__title">{kind.title}</Text>
          <Text className="home-tile__hint">{kind.hint}</Text>
        </View>
      ))}
    </View>
  )
}

function IndexPage() {
  const { session } = useStores()
  useUnreadBadge()
  const { state, retry } = usePing(session.openid)

  // Subscribe messages open the home page with the demand they are about.
  useLoad((options: Record<string, string | undefined>) => {
    if (options?.demandId) void Taro.navigateTo({ url: Paths.demand(options.demandId) })
  })

  const role = session.activeRole
  const isResident = role === 'resident' || role === 'committee_member'
  const name = session.profile?.name

  if (session.elderMode) {
    return (
      <Screen className="home">
        <View className="home__header">
          <Text className="home__title">红邻</Text>
          <Text className="home__subtitle">{name ? `${name}，您好` : '有事您说话'}</Text>
        </View>
        {process.env.TARO_ENV === 'h5' && <PersonaPicker />}
        {isResident ? <OrderTiles big /> : entriesFor(role).map((e) => <EntryLink key={e.url} entry={e} />)}
        {statsEntriesFor(role).map((e) => (
          <EntryLink key={e.url} entry={e} />
        ))}
        <EntryLink entry={{ title: '我的点单', hint: '看看办到哪一步了', url: Paths.demands }} />
        {projectEntriesFor(role, session.has('committee_member')).map((e) => (
          <EntryLink key={e.url} entry={e} />
        ))}
      </Screen>
    )
  }

  return (
    <Screen className="home">
      <View className="home__header">
        <Text className="home__title">红邻</Text>
        <Text className="home__subtitle">党建引领 · 社区服务</Text>
      </View>

      {process.env.TARO_ENV === 'h5' && <PersonaPicker />}

      {session.status === 'error' && (
        <View className="page-state__banner" onClick={() => void session.login()}>
          <Text>登录失败：{session.error}，点此重试</Text>
        </View>
      )}

      {!isResident && (
        <View>
          <Text className="section-title">{roleLabel(role)}工作台</Text>
          {[...entriesFor(role), ...statsEntriesFor(role)].map((e) => (
            <EntryLink key={e.url} entry={e} />
          ))}
          {projectEntriesFor(role, session.has('committee_member')).map((e) => (
            <EntryLink key={e.url} entry={e} />
          ))}
          {STAFF_ROLES.includes(role) && (
            <EntryLink entry={{ title: '操作日志', hint: '角色变更、销号与积分，防篡改可核验', url: Paths.audit }} />
          )}
        </View>
      )}

      {isResident && statsEntriesFor(role).length > 0 && (
        <View>
          <Text className="section-title">社区工作情况</Text>
          {statsEntriesFor(role).map((e) => (
            <EntryLink key={e.url} entry={e} />
          ))}
        </View>
      )}

      <Text className="section-title">我要点单</Text>
      <OrderTiles />
      {isResident && <EntryLink entry={{ title: '我的点单', hint: '查看办理进度、确认和评价', url: Paths.demands }} />}
      {isResident && (
        <View>
          <Text className="section-title">{role === 'committee_member' ? '大党委' : '社区项目'}</Text>
          {projectEntriesFor(role, session.has('committee_member')).map((e) => (
            <EntryLink key={e.url} entry={e} />
          ))}
        </View>
      )}

      {process.env.TARO_ENV === 'h5' && <ConnectionCard state={state} onRetry={retry} />}
    </Screen>
  )
}

export default observer(IndexPage)
