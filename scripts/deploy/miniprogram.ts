/**
 * The only place that loads miniprogram-ci (written against 2.1.42). release.ts talks to
 * `MiniProgramCi`; the tests hand it a recorder instead.
 */
import * as ci from 'miniprogram-ci'

export interface CiProjectOptions {
  appid: string
  type: 'miniProgram'
  projectPath: string
  privateKeyPath: string
  ignores?: string[]
}

export interface CiSetting {
  es6?: boolean
  es7?: boolean
  minify?: boolean
}

export interface CiUploadOptions<P> {
  project: P
  version: string
  desc?: string
  robot?: number
  setting?: CiSetting
  onProgressUpdate?: (task: unknown) => void
}

export interface CiPreviewOptions<P> extends CiUploadOptions<P> {
  qrcodeFormat: 'image' | 'base64' | 'terminal'
  qrcodeOutputDest: string
  pagePath?: string
}

export interface MiniProgramCi<P = unknown> {
  createProject(options: CiProjectOptions): P
  upload(options: CiUploadOptions<P>): Promise<unknown>
  preview(options: CiPreviewOptions<P>): Promise<unknown>
}

export const miniprogramCi: MiniProgramCi<InstanceType<typeof ci.Project>> = {
  createProject: (options) => new ci.Project(options),
  upload: (options) => ci.upload(options),
  preview: (options) => ci.preview(options),
}
