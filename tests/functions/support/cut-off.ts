/**
 * A database whose `n`th transaction is cut off before or after its commit, as a function
 * killed mid-run would leave it: for checking that a timer run resumed later does its work once.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export type CutPoint = 'before commit' | 'after commit'

export function cuttingTransaction<Db extends object>(db: Db, n: number, when: CutPoint): Db {
  let count = 0
  return new Proxy(db, {
    get(target: any, prop) {
      if (prop === 'runTransaction') {
        return async (work: (tx: any) => Promise<unknown>, retries: number) => {
          count += 1
          if (count !== n) return target.runTransaction(work, retries)
          if (when === 'after commit') {
            await target.runTransaction(work, retries)
            throw new Error('cut off after the commit')
          }
          return target.runTransaction(async (tx: any) => {
            await work(tx)
            throw new Error('cut off before the commit')
          }, retries)
        }
      }
      const value = target[prop]
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
