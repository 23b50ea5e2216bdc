/** 光荣榜 and service-hour certificates (the `points` function's recognition actions). */
import { z } from 'zod'
import { CERTIFICATE_CODE, normalizeCertificateCode, RankingBys, RankingPeriods } from '../points/ranking'
import { id } from './common'

/** Without a community or street: the caller's own community. A street's board spans its communities. */
export const PointsRanking = z.object({
  communityId: id.optional(),
  streetId: id.optional(),
  period: z.enum(RankingPeriods, { errorMap: () => ({ message: '请选择月度、年度或累计' }) }).default('month'),
  by: z.enum(RankingBys, { errorMap: () => ({ message: '请选择按积分或按服务时长' }) }).default('points'),
})

/** A calendar year of service (China time); the current year when absent. */
export const PointsCertificate = z.object({
  year: z.number({ invalid_type_error: '请选择年份' }).int('请选择年份').min(2020, '年份不正确').max(2100, '年份不正确').optional(),
})

export const PointsVerify = z.object({
  code: z
    .string({ required_error: '请输入证书编号', invalid_type_error: '请输入证书编号' })
    .max(40, '证书编号格式不正确，应为 12 位字母和数字，如 ABCD-EFGH-JK23')
    .transform(normalizeCertificateCode)
    .refine((code) => CERTIFICATE_CODE.test(code), '证书编号格式不正确，应为 12 位字母和数字，如 ABCD-EFGH-JK23'),
})

export const PointsHonourSchemas = { ranking: PointsRanking, certificate: PointsCertificate, verify: PointsVerify }

export interface HonourBoardRow {
  rank: number
  /** The full name only when its owner chose to appear by name, else masked ("王**"). */
  name: string
  points: number
  hours: number
  items: number
  /** The caller's own row. */
  mine: boolean
}

export interface HonourBoard {
  scope: 'community' | 'street'
  scopeId: string
  /** The community's or street's name. */
  scopeName: string
  /** A community's street. */
  streetId?: string
  period: { kind: 'month' | 'year' | 'all'; key: string; label: string }
  by: 'points' | 'hours'
  items: HonourBoardRow[]
  /** The caller's numbers in this scope and period; `rank` null below the minimum of closed items. */
  me: { rank: number | null; points: number; hours: number; items: number; name: string; nameChoice: 'name' | 'masked' }
  minItems: number
}

export interface HonourCertificate {
  code: string
  year: number
  period: { key: string; label: string }
  /** The holder's name as they gave it; verification shows it masked. */
  name: string
  /** The name as the holder chose to appear on honours (full or masked): what the shared image shows. */
  shareName: string
  /** The holder's community when the certificate was issued. */
  communityName: string
  hours: number
  items: number
  points: number
  issuedAt: number
  /** Whether this issue replaced an earlier certificate whose numbers had changed. */
  replaced?: string
}

export interface CertificateVerification {
  genuine: true
  code: string
  name: string
  period: { key: string; label: string }
  hours: number
  items: number
  points: number
  issuedAt: number
  /** When a later certificate for the same period replaced this one (its numbers changed). */
  superseded?: { at: number; by: string }
}
