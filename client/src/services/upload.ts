/**
 * Photos: choose from album or camera and upload to cloud storage.
 * - weapp: `Taro.chooseImage` + `Taro.cloud.uploadFile`;
 * - h5: the chosen file's bytes go to the local emulator, `POST /storage/client-upload/<cloudPath>`.
 * Answers the file ids (`cloud://…`) to store with the demand.
 */
import Taro from '@tarojs/taro'
import { contract } from '@honglin/shared'
import { fileUrlFor, newCloudPath } from './files'

export const UPLOAD_FAILED = '图片上传失败，请重试'

export function fileUrl(fileID: string): string {
  return fileUrlFor(fileID, process.env.TARO_ENV)
}

/**
 * Lets the person choose up to `max` photos; answers [] if they cancel. Photos over the size
 * the server's image check takes are left out with a notice (compressed photos are far smaller).
 */
export async function choosePhotos(max: number): Promise<string[]> {
  let res: Taro.chooseImage.SuccessCallbackResult
  try {
    res = await Taro.chooseImage({ count: Math.max(1, Math.min(9, max)), sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  } catch {
    return []
  }
  const files = res.tempFiles ?? (res.tempFilePaths ?? []).map((path) => ({ path, size: 0 }))
  const fitting = files.filter((f) => !(f.size > contract.IMAGE_MAX_BYTES))
  if (fitting.length < files.length)
    void Taro.showToast({ title: `图片不能超过 ${contract.IMAGE_MAX_BYTES / 1024} KB`, icon: 'none', duration: 3000 })
  return fitting.map((f) => f.path)
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
