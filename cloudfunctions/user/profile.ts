/** What the client learns about its own user: profile, role grants and volunteer registration. */
import type { ProfileAnswer } from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'

export type { ProfileAnswer }

export function profileOf(user: UserDoc): ProfileAnswer {
  return {
    profile: {
      userId: user._id,
      name: user.name,
      phone: user.phone,
      avatar: user.avatar,
      elderMode: user.elderMode ?? false,
      pointsBalance: user.pointsBalance ?? 0,
      createdAt: user.createdAt,
      lastLoginAt: user.lastLoginAt,
    },
    grants: user.grants ?? [],
    volunteer: user.volunteer ?? null,
  }
}

/** The caller's user document (present for every action that requires registration). */
export function callerOf(ctx: { user?: UserDoc }): UserDoc {
  if (!ctx.user) throw new Error('action needs a registered caller')
  return ctx.user
}
