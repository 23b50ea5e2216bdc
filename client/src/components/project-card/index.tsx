import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ProjectView } from '@honglin/shared'
import { day, ProjectPaths, stateOfProject, yuan } from '../../logic/project'
import { TAPPABLE } from '../../logic/tappable'

/** A project (红色任务书) in a list: title, state, deadline or award; a tap opens it. */
export default function ProjectCard({ project: p, children }: { project: ProjectView; children?: ReactNode }) {
  const state = stateOfProject(p.status)
  return (
    <View className="card project-card">
      <View className="project-card__head" {...TAPPABLE} onClick={() => void Taro.navigateTo({ url: ProjectPaths.detail(p._id) })}>
        <Text className="project-card__title">{p.title}</Text>
        <Text className={`tag ${state.tag} project-card__status`}>{p.statusLabel || state.label}</Text>
      </View>
      {p.communityName && <Text className="project-card__meta">{p.communityName}</Text>}
      {p.status === 'bidding' && (
        <Text className="project-card__meta">
          揭榜截止 {day(p.bidDeadline)} · 已有 {p.bidCount} 份方案
        </Text>
      )}
      {p.budget !== undefined && <Text className="project-card__meta">预算 {yuan(p.budget)}</Text>}
      {p.award && <Text className="project-card__meta">揭榜单位：{p.award.unitName}</Text>}
      {p.status === 'publicity' && p.publicityEndsAt && <Text className="project-card__meta">公示至 {day(p.publicityEndsAt)}</Text>}
      {p.status === 'in_progress' && p.progress !== undefined && <Text className="project-card__meta">进度 {p.progress}%</Text>}
      {children}
    </View>
  )
}
