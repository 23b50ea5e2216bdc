export interface IndexSpec {
  name: string
  /** Fields in key order with direction, e.g. `{ communityId: 1, createdAt: -1 }`. */
  keys: Record<string, 1 | -1>
  unique?: boolean
}
