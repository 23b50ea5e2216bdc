/** 联席会议纪要: the function writes the Word document; the phone opens it, the browser downloads it. */
import Taro from '@tarojs/taro'
import { api } from '../../../services/api'

export async function openMinutes(projectId: string): Promise<void> {
  const { tempFileURL } = await api('project', 'minutes', { projectId })
  if (process.env.TARO_ENV === 'weapp') {
    const file = await Taro.downloadFile({ url: tempFileURL })
    await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'docx', showMenu: true })
    return
  }
  window.open(tempFileURL, '_blank')
}
