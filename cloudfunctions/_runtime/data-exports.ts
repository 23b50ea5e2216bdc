/**
 * Files of "我的数据" exports: written to cloud storage under an unguessable path, recorded in
 * `data_exports` so they can be found again and deleted — by the SLA timer's daily retention
 * run once a day old, and with the account when it is deleted.
 */
import { randomBytes } from 'node:crypto'
import type cloudModule from 'wx-server-sdk'
import { readAll } from './all'
import type { Db } from './db'
import { isDuplicateKey } from './errors'

export const DATA_EXPORTS = 'data_exports'
/** How long the download link works. */
export const LINK_SECONDS = 3600
/** How long an export file is kept. */
export const EXPORT_KEEP_MS = 24 * 3600 * 1000

export interface ExportRecord {
  _id: string
  userId: string
  fileID: string
  createdAt: number
}

interface Env {
  db: Db
  cloud: typeof cloudModule
  now: number
}

/**
 * Exports of one person within this window are one file: a second tap or a retry (or ten at
 * once) answers the file already made, with a fresh link, instead of storing another copy.
 */
export const EXPORT_WINDOW_MS = 10 * 60 * 1000

export type ExportAnswer = { fileID: string; tempFileURL: string; expiresAt: number }

/** The record id of `userId`'s export in the window that holds `now`. */
export const exportIdFor = (userId: string, now: number) => `${userId}_${Math.floor(now / EXPORT_WINDOW_MS)}`

/** The export `userId` made in this window, if any, with a fresh link. */
export async function recentExport(env: Env, userId: string): Promise<ExportAnswer | undefined> {
  const res = await env.db
    .collection(DATA_EXPORTS)
    .where({ _id: exportIdFor(userId, env.now) })
    .limit(1)
    .get()
  const record = res.data[0] as ExportRecord | undefined
  return record ? linkTo(env, record.fileID) : undefined
}

/** Stores `content` as a JSON file for `userId`; answers its id and a temporary link. */
export async function writeExport(env: Env, userId: string, content: unknown): Promise<ExportAnswer> {
  const cloudPath = `exports/${userId}/${randomBytes(16).toString('hex')}.json`
  const { fileID } = await env.cloud.uploadFile({ cloudPath, fileContent: Buffer.from(JSON.stringify(content, null, 2), 'utf8') })
  try {
    // Recorded before the link is asked for, so the file is cleaned up even if that step fails.
    await env.db.collection(DATA_EXPORTS).add({ data: { _id: exportIdFor(userId, env.now), userId, fileID, createdAt: env.now } })
  } catch (error) {
    // A concurrent export of the same window was recorded first: answer that one.
    if (!isDuplicateKey(error)) throw error
    await env.cloud.deleteFile({ fileList: [fileID] })
    const earlier = await recentExport(env, userId)
    if (!earlier) throw error
    return earlier
  }
  return linkTo(env, fileID)
}

async function linkTo(env: Env, fileID: string): Promise<ExportAnswer> {
  const res = await env.cloud.getTempFileURL({ fileList: [{ fileID, maxAge: LINK_SECONDS }] })
  const tempFileURL = res?.fileList?.[0]?.tempFileURL
  if (!tempFileURL) throw new Error(`no temporary link for ${fileID}`)
  return { fileID, tempFileURL, expiresAt: env.now + LINK_SECONDS * 1000 }
}

/** Deletes the files and records of `exports` (files first: a record left behind is tried again). */
export async function deleteExports(env: Env, exports: ExportRecord[]): Promise<number> {
  if (exports.length === 0) return 0
  await env.cloud.deleteFile({ fileList: exports.map((e) => e.fileID) })
  const _ = env.db.command
  await env.db
    .collection(DATA_EXPORTS)
    .where({ _id: _.in(exports.map((e) => e._id)) })
    .remove()
  return exports.length
}

/** Every export of one user (for account deletion): about one per ten minutes of a day, read whole. */
export async function exportsOf(db: Db, userId: string): Promise<ExportRecord[]> {
  return readAll<ExportRecord>(db, DATA_EXPORTS, { userId })
}

/** Exports older than a day, oldest first, at most `limit` (for the retention run). */
export async function staleExports(db: Db, now: number, limit: number): Promise<ExportRecord[]> {
  const res = await db
    .collection(DATA_EXPORTS)
    .where({ createdAt: db.command.lt(now - EXPORT_KEEP_MS) })
    .orderBy('createdAt', 'asc')
    .limit(limit)
    .get()
  return res.data as ExportRecord[]
}
