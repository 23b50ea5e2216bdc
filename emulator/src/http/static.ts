/**
 * Serves a built single-page app (the H5 client) from a folder; unknown paths get index.html.
 *
 * As a CDN in front of a real deployment would: text is sent compressed (brotli, else gzip)
 * when the browser accepts it — the app's JavaScript is a third of its size that way, which on
 * a slow 3G link is most of the first screen's wait — files whose name carries a content hash
 * are cached for a year, and everything else is revalidated with an ETag so an unchanged
 * index.html costs a 304, not a download. Compressed bodies are made once per file version
 * and kept in memory (an H5 build is a few MB).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
}

/** Types worth compressing: images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.map', '.txt'])
/** Below this a compressed body saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024

export function contentTypeOf(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

type Encoding = 'br' | 'gzip' | 'identity'

interface Version {
  etag: string
  bodies: Partial<Record<Encoding, Buffer>>
}

const versions = new Map<string, Version>()

/** The encoding to answer with: brotli if accepted, else gzip, else none (q=0 refuses). */
export function chooseEncoding(acceptEncoding: string | undefined, compressible: boolean): Encoding {
  if (!compressible || !acceptEncoding) return 'identity'
  const accepted = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    accepted.set(name!, q ? Number(q.slice(2)) || 0 : 1)
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0
  if (ok('br')) return 'br'
  if (ok('gzip')) return 'gzip'
  return 'identity'
}

function bodyOf(file: string, etag: string, encoding: Encoding): Buffer {
  let version = versions.get(file)
  if (!version || version.etag !== etag) versions.set(file, (version = { etag, bodies: {} }))
  const cached = version.bodies[encoding]
  if (cached) return cached
  const raw = version.bodies.identity ?? readFileSync(file)
  version.bodies.identity = raw
  const body =
    encoding === 'br'
      ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
      : encoding === 'gzip'
        ? gzipSync(raw, { level: 9 })
        : raw
  version.bodies[encoding] = body
  return body
}

export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  const safe = normalize(decodeURIComponent(pathname)).replace(/^(\.\.(\/|\\|$))+/, '')
  let file = join(root, safe)
  if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) return false
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html')
  if (!existsSync(file)) return false
  const stat = statSync(file)
  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`
  const immutable = /\.[0-9a-f]{8,}\./.test(file)
  const compressible = COMPRESSIBLE.has(extname(file).toLowerCase()) && stat.size >= MIN_COMPRESS_BYTES
  const headers: Record<string, string | number> = {
    'content-type': contentTypeOf(file),
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag,
  }
  if (compressible) headers.vary = 'accept-encoding'
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers)
    res.end()
    return true
  }
  const encoding = chooseEncoding(req.headers['accept-encoding'], compressible)
  const body = bodyOf(file, etag, encoding)
  if (encoding !== 'identity') headers['content-encoding'] = encoding
  headers['content-length'] = body.length
  res.writeHead(200, headers)
  res.end(req.method === 'HEAD' ? undefined : body)
  return true
}
