import { useEffect, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Switch } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import Chips from '../../../components/chips'
import Field from '../../../components/field'
import PageState from '../../../components/page-state'
import Screen from '../../../components/screen'
import { api, ApiError, messageOf } from '../../../services/api'
import { subscriber } from '../../../services/subscribe'
import { useStores } from '../../../stores'

const SKILLS = ['助老', '家电维修', '跑腿代办', '课业辅导', '法律咨询', '健康义诊', '心理疏导', '陪伴老人', '电路检修', '手工']
const STATUS = {
  pending: { text: '报到已提交，等待社区审核', tone: 'orange' },
  verified: { text: '已通过审核，欢迎加入社区志愿服务', tone: 'green' },
  rejected: { text: '报到未通过', tone: 'grey' },
  revoked: { text: '志愿者资格已撤销，可以重新报到', tone: 'grey' },
} as const

/** 双报到: a resident or in-service party member reports to the community where they live. */
function RegisterPage() {
  const { session, org } = useStores()
  const v = session.volunteer
  const [name, setName] = useState(session.profile?.name === '微信用户' ? '' : (session.profile?.name ?? ''))
  const [phone, setPhone] = useState(session.profile?.phone ?? '')
  const [skills, setSkills] = useState<string[]>(v?.skills ?? [])
  const [party, setParty] = useState(v?.isPartyMember ?? false)
  const [workUnit, setWorkUnit] = useState(v?.workUnit ?? '')
  const [communityId, setCommunityId] = useState(v?.communityId ?? session.communityId ?? '')
  const [gridId, setGridId] = useState(v?.gridId ?? '')
  const [communities, setCommunities] = useState<{ value: string; label: string }[]>([])
  const [grids, setGrids] = useState<{ value: string; label: string }[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState('')
  const [busy, setBusy] = useState(false)
  const [loadError, setLoadError] = useState('')

  async function loadCommunities() {
    setLoadError('')
    try {
      const list = await org.loadCommunities()
      setCommunities(list.map((c) => ({ value: c._id, label: c.name })))
    } catch (error) {
      setLoadError(messageOf(error))
    }
  }

  useEffect(() => {
    if (session.ready) void subscriber.load()
  }, [session.ready])

  useEffect(() => {
    if (session.ready) void loadCommunities()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.ready])

  useEffect(() => {
    if (!communityId || !session.ready) return
    org
      .loadGrids(communityId)
      .then((list) => setGrids(list.map((g) => ({ value: g._id, label: g.name }))))
      .catch((error) => setLoadError(messageOf(error)))
  }, [communityId, session.ready, org])

  async function submit() {
    // Inside the tap, before anything is awaited: WeChat shows the request only then.
    void subscriber.ask('registered', communityId)
    setBusy(true)
    setFailure('')
    try {
      const answer = await api('user', 'registerVolunteer', {
        name,
        phone,
        skills,
        isPartyMember: party,
        workUnit: party && workUnit.trim() ? workUnit : undefined,
        communityId,
        gridId: gridId || undefined,
      })
      setErrors({})
      session.apply(answer)
      void Taro.showToast({ title: '已提交报到', icon: 'success' })
    } catch (error) {
      setErrors(error instanceof ApiError ? { ...error.fields, ...(error.fields.communityId ? { communityId: '请选择社区' } : {}) } : {})
      setFailure(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  const status = v ? STATUS[v.status] : undefined
  return (
    <Screen>
      <PageState
        loading={!session.ready}
        error={session.error || loadError}
        onRetry={() => (session.error ? void session.login() : void loadCommunities())}
        hasData={communities.length > 0}
      >
        {status && (
          <View className="card">
            <Text className={`tag tag--${status.tone}`}>{status.text}</Text>
            {v?.status === 'rejected' && v.reason && <Text className="demand-card__reason">原因：{v.reason}</Text>}
            {v?.status !== 'verified' && <Text className="hint">审核通过后即可在任务大厅认领任务。</Text>}
          </View>
        )}
        {v?.status !== 'verified' && (
          <View>
            <Text className="hint">在职党员请填写工作单位，社区会把您的服务情况反馈给单位（双报到）。</Text>
            <Field label="姓名" required error={errors.name}>
              <Input className="input" value={name} maxlength={20} onInput={(e) => setName(e.detail.value)} />
            </Field>
            <Field label="手机号" required error={errors.phone}>
              <Input className="input" type="number" value={phone} maxlength={13} onInput={(e) => setPhone(e.detail.value)} />
            </Field>
            <Field label="技能特长（可多选）" error={errors.skills}>
              <Chips
                options={SKILLS.map((s) => ({ value: s, label: s }))}
                value={skills}
                onChange={(s) => setSkills(skills.includes(s) ? skills.filter((x) => x !== s) : [...skills, s])}
              />
            </Field>
            <View className="card switch-row">
              <Text className="entry__title">我是党员</Text>
              <Switch checked={party} onChange={setParty} />
            </View>
            {party && (
              <Field label="工作单位" error={errors.workUnit}>
                <Input
                  className="input"
                  value={workUnit}
                  maxlength={60}
                  placeholder="如：区税务局"
                  onInput={(e) => setWorkUnit(e.detail.value)}
                />
              </Field>
            )}
            <Field label="居住社区" required error={errors.communityId}>
              <Chips
                options={communities}
                value={communityId}
                onChange={(c) => {
                  setCommunityId(c)
                  setGridId('')
                }}
              />
            </Field>
            {grids.length > 0 && (
              <Field label="所在网格（可不选）" error={errors.gridId}>
                <Chips options={grids} value={gridId} onChange={(g) => setGridId(g === gridId ? '' : g)} />
              </Field>
            )}
            {failure && <Text className="form-failure">{failure}</Text>}
            <Button type="primary" size="large" block disabled={busy} onClick={() => void submit()}>
              {v ? '重新提交报到' : '提交报到'}
            </Button>
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(RegisterPage)
