/**
 * `pickupQr` ({ id }, the holder): the pickup code as a mini-program code (小程序码) to show
 * at the counter. Made by the platform (`wxacode.getUnlimited`) with the code as its `scene`
 * and the 核销 page as its page: staff scanning it in the app (`scanCode`) get that page's
 * path with `scene=<code>`, and staff scanning it with WeChat's own camera land on the 核销
 * page with the code filled in. Made once per code and kept in cloud storage (a record per
 * redemption and code, so a re-issued code gets a new image and two first calls at once keep
 * one); answered as a temporary link. Round trips: 4 once made, 8 the first time.
 */
import { randomBytes } from 'node:crypto'
import { AppError, contract, notUsable, type Redemption } from '@honglin/shared'
import { getDoc } from '../_runtime/db'
import { isDuplicateKey } from '../_runtime/errors'
import { action, type ActionContext } from '../_runtime/function'
import { MallCollections, pickupImageIdOf, PICKUP_PAGE, type PickupImage } from '../_runtime/mall'

/** Seconds a link to the image stays valid: long enough to stand in a queue. */
const LINK_SECONDS = 2 * 3600
const WIDTH = 430

export const pickupQr = action({
  schema: contract.Schemas.mall.pickupQr,
  async run(ctx, { id }) {
    const r = await getDoc<Redemption>(ctx.db, MallCollections.redemptions, id)
    if (!r || r.userId !== ctx.actor.userId) throw new AppError('NOT_FOUND', '找不到该兑换记录')
    if (r.status !== 'reserved') throw new AppError('INVALID_STATE', notUsable(r))
    const imageId = pickupImageIdOf(r._id, r.code)
    const image = (await getDoc<PickupImage>(ctx.db, MallCollections.pickupImages, imageId)) ?? (await makeImage(ctx, r, imageId))
    const res = await ctx.cloud.getTempFileURL({ fileList: [{ fileID: image.fileID, maxAge: LINK_SECONDS }] })
    const tempFileURL = (res as { fileList?: { tempFileURL?: string }[] }).fileList?.[0]?.tempFileURL
    if (!tempFileURL) throw new Error(`no temporary link for ${image.fileID}`)
    return { code: r.code, page: PICKUP_PAGE, tempFileURL, expiresAt: ctx.now + LINK_SECONDS * 1000 }
  },
})

async function makeImage(ctx: ActionContext, r: Redemption, imageId: string): Promise<PickupImage> {
  const made = (await ctx.cloud.openapi.wxacode.getUnlimited({ scene: r.code, page: PICKUP_PAGE, width: WIDTH, checkPath: false })) as {
    buffer: Buffer
  }
  // A file of its own: the loser of two first calls deletes what it uploaded, never the winner's.
  const { fileID } = await ctx.cloud.uploadFile({
    cloudPath: `mall/pickup/${imageId}-${randomBytes(8).toString('hex')}.png`,
    fileContent: made.buffer,
  })
  const image: PickupImage = { _id: imageId, redemptionId: r._id, userId: r.userId, fileID, createdAt: ctx.now }
  try {
    await ctx.db.collection(MallCollections.pickupImages).add({ data: image })
    return image
  } catch (error) {
    // Another first call for this code recorded its image: keep that one, drop ours.
    if (!isDuplicateKey(error)) throw error
    await ctx.cloud.deleteFile({ fileList: [fileID] })
    const earlier = await getDoc<PickupImage>(ctx.db, MallCollections.pickupImages, imageId)
    if (!earlier) throw error
    return earlier
  }
}

/**
 * After a re-issue: the old code's image goes. Its code is revoked already, so a failure here
 * leaves only a stale file behind, never a usable code; it is logged, not raised.
 */
export async function dropPickupImage(ctx: ActionContext, redemptionId: string, code: string): Promise<void> {
  const imageId = pickupImageIdOf(redemptionId, code)
  try {
    const image = await getDoc<PickupImage>(ctx.db, MallCollections.pickupImages, imageId)
    if (!image) return
    await ctx.cloud.deleteFile({ fileList: [image.fileID] })
    await ctx.db.collection(MallCollections.pickupImages).doc(imageId).remove()
  } catch (error) {
    console.error(`pickup image ${imageId} not removed:`, error)
  }
}
