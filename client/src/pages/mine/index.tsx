import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import EntryLink from '../../components/entry'
import PageState from '../../components/page-state'
import PersonaPicker from '../../components/persona-picker'
import Screen from '../../components/screen'
import Chips from '../../components/chips'
import { mallEntriesFor } from '../../logic/mall'
import { entriesFor, Paths, roleLabel } from '../../logic/roles'
import { useStores } from '../../stores'
import { VolunteerStatusLabels, type Role } from '@honglin/shared'
import MyData from './my-data'
import { TAPPABLE } from '../../logic/tappable'
import './index.scss'
import { useUnreadBadge } from '../../hooks/use-unread-badge'

/** 我的: who I am, which role I act in, 长辈模式, and the pages of my role. */
function MinePage() {
  const { session } = useStores()
  useUnreadBadge()
  const p = session.profile
  const v = session.volunteer
  const role = session.activeRole
  const entries = entriesFor(role)
  return (
    <Screen>
      {process.env.TARO_ENV === 'h5' && <PersonaPicker />}
      <PageState
        loading={!session.ready && session.status !== 'error'}
        error={session.error}
        onRetry={() => void session.login()}
        hasData={Boolean(p)}
      >
        {p && (
          <View>
            <View className="card profile">
              <Text className="profile__name">{p.name}</Text>
              {p.phone && <Text className="hint">{p.phone}</Text>}
              <View className="profile__tags">
                {session.roles.map((r) => (
                  <Text key={r} className="tag tag--plain">
                    {roleLabel(r)}
                  </Text>
                ))}
                {v && (
                  <Text className={`tag ${v.status === 'verified' ? 'tag--green' : v.status === 'pending' ? 'tag--orange' : 'tag--grey'}`}>
                    {VolunteerStatusLabels[v.status]}
                  </Text>
                )}
                {v?.isPartyMember && <Text className="tag tag--red">党员</Text>}
              </View>
              {(session.has('volunteer') || p.pointsBalance > 0) && <Text className="profile__points">积分 {p.pointsBalance}</Text>}
            </View>

            {session.roles.length > 1 && (
              <View className="card">
                <Text className="section-title section-title--flush">切换角色</Text>
                <Chips
                  options={session.roles.map((r) => ({ value: r, label: roleLabel(r) }))}
                  value={role}
                  onChange={(r) => session.setActiveRole(r as Role)}
                />
              </View>
            )}

            <View className="card">
              {/* The whole row is the switch: a big target, announced as one with its state (NutUI's
                  Switch writes the mini-program's aria-role on H5, which no screen reader knows). */}
              <View
                className="switch-row"
                {...TAPPABLE}
                role="switch"
                aria-checked={session.elderMode}
                onClick={() => void session.setElderMode(!session.elderMode)}
              >
                <View className="entry__text">
                  <Text className="entry__title">长辈模式</Text>
                  <Text className="entry__hint">字更大，首页更简单</Text>
                </View>
                <View className={`elder-switch ${session.elderMode ? 'elder-switch--on' : ''}`}>
                  <View className="elder-switch__knob" />
                </View>
              </View>
            </View>

            <Text className="section-title">{roleLabel(role)}</Text>
            {[...entries, ...mallEntriesFor(role)].map((e) => (
              <EntryLink key={e.url} entry={e} />
            ))}
            {role !== 'resident' && <EntryLink entry={{ title: '我的点单', hint: '我自己提交的点单', url: Paths.demands }} />}
            {role === 'volunteer' && (
              <EntryLink entry={{ title: '志愿者报到信息', hint: '双报到：技能、单位、网格', url: Paths.register }} />
            )}
            <EntryLink entry={{ title: '光荣榜', hint: '志愿服务积分与时长排行', url: Paths.ranking }} />
            <EntryLink entry={{ title: '证书核验', hint: '输入编号查验服务时长证明', url: Paths.verify }} />
            <MyData />
          </View>
        )}
      </PageState>
      {session.status === 'error' && (
        <Button className="bottom-bar" size="large" block onClick={() => void session.login()}>
          重新登录
        </Button>
      )}
    </Screen>
  )
}

export default observer(MinePage)
