/**
 * Draws the certificate's layout (`certificateLayout` in shared) on a canvas 2d context, the
 * same on weapp (canvas type="2d") and H5, and hands the image over: on weapp a temporary PNG
 * saved to the album (asking for the permission again if it was refused) or shared; on H5 a PNG
 * download.
 */
import Taro from '@tarojs/taro'
import { CERTIFICATE_PIXEL_RATIO, type CertificateLayout } from '@honglin/shared'

/** The part of CanvasRenderingContext2D used here; weapp's canvas 2d context has the same. */
interface Context2d {
  fillStyle: unknown
  strokeStyle: unknown
  lineWidth: number
  font: string
  textAlign: string
  textBaseline: string
  fillRect(x: number, y: number, w: number, h: number): void
  strokeRect(x: number, y: number, w: number, h: number): void
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  stroke(): void
  fillText(text: string, x: number, y: number, maxWidth?: number): void
  scale(x: number, y: number): void
}

export const CANVAS_ID = 'certificate-canvas'

export function drawLayout(ctx: Context2d, layout: CertificateLayout, ratio = CERTIFICATE_PIXEL_RATIO): void {
  ctx.scale(ratio, ratio)
  ctx.textBaseline = 'top'
  for (const c of layout.commands) {
    if (c.kind === 'rect') {
      if (c.fill) {
        ctx.fillStyle = c.fill
        ctx.fillRect(c.x, c.y, c.width, c.height)
      }
      if (c.stroke) {
        ctx.strokeStyle = c.stroke
        ctx.lineWidth = c.lineWidth ?? 1
        ctx.strokeRect(c.x, c.y, c.width, c.height)
      }
    } else if (c.kind === 'line') {
      ctx.strokeStyle = c.stroke
      ctx.lineWidth = c.lineWidth
      ctx.beginPath()
      ctx.moveTo(c.x1, c.y1)
      ctx.lineTo(c.x2, c.y2)
      ctx.stroke()
    } else {
      ctx.fillStyle = c.color
      ctx.font = `${c.bold ? 'bold ' : ''}${c.size}px sans-serif`
      ctx.textAlign = c.align
      ctx.fillText(c.text, c.x, c.y, c.maxWidth)
    }
  }
}

/** H5: draws on a canvas of its own and downloads the PNG. */
export async function downloadPng(layout: CertificateLayout, fileName: string): Promise<void> {
  const canvas = document.createElement('canvas')
  canvas.width = layout.width * CERTIFICATE_PIXEL_RATIO
  canvas.height = layout.height * CERTIFICATE_PIXEL_RATIO
  drawLayout(canvas.getContext('2d') as unknown as Context2d, layout)
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('图片生成失败'))), 'image/png'),
  )
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** weapp: draws on the page's hidden canvas (`<Canvas type="2d" id={CANVAS_ID}>`) and answers a temporary PNG. */
export async function weappPng(layout: CertificateLayout): Promise<string> {
  type CanvasNode = { width: number; height: number; getContext(kind: '2d'): unknown }
  const found = await new Promise<{ node?: CanvasNode }[]>((resolve) =>
    Taro.createSelectorQuery().select(`#${CANVAS_ID}`).fields({ node: true, size: true }).exec(resolve),
  )
  const canvas = found?.[0]?.node
  if (!canvas) throw new Error('图片生成失败，请重试')
  canvas.width = layout.width * CERTIFICATE_PIXEL_RATIO
  canvas.height = layout.height * CERTIFICATE_PIXEL_RATIO
  drawLayout(canvas.getContext('2d') as Context2d, layout)
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas, fileType: 'png' } as Taro.canvasToTempFilePath.Option)
  return tempFilePath
}

/**
 * Saves to the album. The first time WeChat asks for the permission itself; once refused it
 * fails at once ("auth deny"), and only the settings page can grant it again, so that is
 * offered. Answers whether the image was saved.
 */
export async function saveToAlbum(filePath: string): Promise<boolean> {
  try {
    await Taro.saveImageToPhotosAlbum({ filePath })
    return true
  } catch (error) {
    const message = String((error as { errMsg?: string })?.errMsg ?? error)
    if (/cancel/.test(message) && !/auth/.test(message)) return false
    if (!/auth|deny|denied|authorize/i.test(message)) throw error
    const ask = await Taro.showModal({
      title: '需要相册权限',
      content: '保存证明图片需要允许“保存到相册”。是否前往设置开启？',
      confirmText: '去设置',
      cancelText: '暂不',
    })
    if (!ask.confirm) return false
    const settings = await Taro.openSetting()
    if (!settings.authSetting['scope.writePhotosAlbum']) return false
    await Taro.saveImageToPhotosAlbum({ filePath })
    return true
  }
}
