/** Cloud storage file ids (`cloud://<env>.<bucket>/<cloudPath>`) and where to show them. */

/** The cloud path inside a file id, or undefined for anything else. */
export function cloudPathOf(fileID: string): string | undefined {
  const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)
  return match?.[1]
}

/** weapp `<Image>` shows a file id as is; on H5 the local emulator serves the bytes. */
export function fileUrlFor(fileID: string, target: string | undefined): string {
  if (target === 'weapp') return fileID
  const path = cloudPathOf(fileID)
  return path ? `/storage/files/${path.split('/').map(encodeURIComponent).join('/')}` : fileID
}

/** A fresh cloud path for an uploaded photo, e.g. `demands/202511/lq3x9a-4kz1.jpg`. */
export function newCloudPath(folder: string, localPath: string, now = Date.now()): string {
  const ext = /\.(jpe?g|png|gif|webp)$/i.exec(localPath)?.[1]?.toLowerCase() ?? 'jpg'
  const d = new Date(now)
  const month = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}`
  const rand = Math.random().toString(36).slice(2, 8)
  return `${folder}/${month}/${now.toString(36)}-${rand}.${ext}`
}
