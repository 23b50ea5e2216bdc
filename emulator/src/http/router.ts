/** Matches `METHOD /path/:param/*` patterns; the first route that matches wins. */
import type { HttpRoute, RouteMatch } from '../service'

interface CompiledRoute {
  route: HttpRoute
  regex: RegExp
  keys: string[]
}

export class Router {
  private readonly compiled: CompiledRoute[] = []

  add(route: HttpRoute): void {
    const keys: string[] = []
    const pattern = route.path
      .split('/')
      .map((segment) => {
        if (segment === '*') {
          keys.push('*')
          return '(.*)'
        }
        if (segment.startsWith(':')) {
          keys.push(segment.slice(1))
          return '([^/]+)'
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      })
      .join('/')
    this.compiled.push({ route, regex: new RegExp(`^${pattern}$`), keys })
  }

  match(method: string, url: URL): { route: HttpRoute; match: RouteMatch } | undefined {
    for (const { route, regex, keys } of this.compiled) {
      if (route.method !== method) continue
      const m = regex.exec(url.pathname)
      if (!m) continue
      const params: Record<string, string> = {}
      keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1] ?? '')))
      return { route, match: { params, url } }
    }
    return undefined
  }
}
