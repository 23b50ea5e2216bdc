/**
 * Photos: choose from album or camera and upload to cloud storage.
 * - weapp: `Taro.chooseImage` + `Taro.cloud.uploadFile`;
 * - h5: the chosen file's bytes go to the local emulator, `POST /storage/client-upload/<cloudPath>`.
 * Answers the file ids (`cloud://…`) to store with the demand.
 */
import Taro from '@tarojs/taro'
import { fileUrlFor, newCloudPath } from './files'

export const UPLOAD_FAILED = '图片上传失败，请重试'

export function fileUrl(fileID: string): string {
  return fileUrlFor(fileID, process.env.TARO_ENV)
}

/** Lets the person choose up to `max` photos; answers [] if they cancel. */
export async function choosePhotos(max: number): Promise<string[]> {
  try {
    const res = await Taro.chooseImage({ count: Math.max(1, Math.min(9, max)), sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    return res.tempFilePaths ?? []
  } catch {
    return []
  }
}

export async function uploadPhoto(localPath: string, folder = 'demands'): Promise<string> {
  const cloudPath = newCloudPath(folder, localPath)
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: localPath })
    if (!res.fileID) throw new Error(UPLOAD_FAILED)
    return res.fileID
  }
  const blob = await (await fetch(localPath)).blob()
  const res = await fetch(`/storage/client-upload/${cloudPath}`, {
    method: 'POST',
    headers: { 'content-type': blob.type || 'application/octet-stream' },
    body: blob,
  })
  if (!res.ok) throw new Error(UPLOAD_FAILED)
  const body = (await res.json()) as { fileID?: string }
  if (!body.fileID) throw new Error(UPLOAD_FAILED)
  return body.fileID
}
