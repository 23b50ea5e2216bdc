/** Resolves the caller (by WeChat OPENID) to a registered user and their role grants. */
import { AppError, type Actor, type RoleGrant, type VolunteerRegistration } from '@honglin/shared'
import { Collections, type Db } from './db'

export interface UserDoc {
  _id: string
  openid?: string
  name: string
  phone?: string
  avatar?: string
  elderMode?: boolean
  /** 光荣榜: appear by full name or masked (absent: masked). */
  honourName?: 'name' | 'masked'
  grants: RoleGrant[]
  /** 双报到 / volunteer registration, verified by community staff. */
  volunteer?: VolunteerRegistration
  /** Follows the append-only points ledger; changed in the same transaction as each entry. */
  pointsBalance: number
  /** Created by a grid worker for a resident who is not online. */
  offline?: boolean
  createdAt: number
  updatedAt: number
  lastLoginAt?: number
}

export async function findUserByOpenid(db: Db, openid: string): Promise<UserDoc | undefined> {
  const res = await db.collection(Collections.users).where({ openid }).limit(1).get()
  return res.data[0] as UserDoc | undefined
}

export function actorOf(user: UserDoc): Actor {
  const v = user.volunteer
  return {
    userId: user._id,
    openid: user.openid ?? '',
    name: user.name,
    grants: user.grants,
    volunteer: v ? { status: v.status, communityId: v.communityId } : null,
  }
}

export async function loadActor(db: Db, openid: string): Promise<Actor> {
  const user = await findUserByOpenid(db, openid)
  if (!user) throw new AppError('NOT_REGISTERED')
  return actorOf(user)
}
