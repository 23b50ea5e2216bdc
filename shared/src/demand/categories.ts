/**
 * The category taxonomy per kind of demand, with the default points a closed demand earns.
 * A community's policy bounds what staff may award (points/rules.ts).
 */
import type { DemandKind } from './types'

export interface Category {
  id: string
  label: string
  kind: DemandKind
  defaultPoints: number
}

const c = (kind: DemandKind, id: string, label: string, defaultPoints: number): Category => ({ kind, id, label, defaultPoints })

export const Categories: readonly Category[] = [
  c('service', 'elderly_care', '助老助残', 20),
  c('service', 'repair', '家电维修', 15),
  c('service', 'legal', '法律咨询', 15),
  c('service', 'psychological', '心理疏导', 15),
  c('service', 'errand', '跑腿代办', 10),
  c('service', 'health', '健康义诊', 15),
  c('service', 'tutoring', '课业辅导', 15),
  c('service', 'other_service', '其他服务', 10),
  c('wish', 'study_supplies', '学习用品', 10),
  c('wish', 'daily_goods', '生活物资', 10),
  c('wish', 'visit', '陪伴探望', 15),
  c('wish', 'other_wish', '其他心愿', 10),
  c('report', 'street_light', '路灯损坏', 5),
  c('report', 'rubbish', '垃圾堆放', 5),
  c('report', 'safety_hazard', '安全隐患', 10),
  c('report', 'road_damage', '道路破损', 5),
  c('report', 'noise', '噪音扰民', 5),
  c('report', 'other_report', '其他问题', 5),
]

export function findCategory(kind: DemandKind, id: string): Category | undefined {
  return Categories.find((cat) => cat.kind === kind && cat.id === id)
}

export function categoriesOf(kind: DemandKind): Category[] {
  return Categories.filter((cat) => cat.kind === kind)
}

/** A category's label by its id alone (ids are unique across kinds); an unknown id as it is. */
export const categoryLabelOf = (id: string): string => Categories.find((cat) => cat.id === id)?.label ?? id
