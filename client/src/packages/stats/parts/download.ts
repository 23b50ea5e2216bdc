/**
 * Handing a generated file to the person: on H5 the browser downloads the temporary link; in
 * the mini-program the file is downloaded and opened in WeChat's document viewer, from where
 * it can be forwarded or saved.
 */
import Taro from '@tarojs/taro'

export type DocType = 'xlsx' | 'docx' | 'pdf'

export async function openFile(url: string, name: string, fileType: DocType): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a')
    a.href = url
    a.download = name
    a.rel = 'noopener'
    document.body.appendChild(a)
    a.click()
    a.remove()
    return
  }
  const res = await Taro.downloadFile({ url })
  if (res.statusCode !== 200) throw new Error(`下载失败（${res.statusCode}），请稍后重试`)
  await Taro.openDocument({ filePath: res.tempFilePath, fileType, showMenu: true })
}
