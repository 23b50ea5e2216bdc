/**
 * The emulator's clock. `db.serverDate()`, transaction expiry, timer triggers and anything
 * else time-dependent read it, so tests can move time instead of waiting for it.
 */
export class Clock {
  private offsetMs = 0

  now(): number {
    return Date.now() + this.offsetMs
  }

  /** Move the clock forward (or back) by `ms`. */
  advance(ms: number): void {
    this.offsetMs += ms
  }

  /** Make `now()` answer `time` from this moment on; time keeps flowing from there. */
  set(time: number | Date): void {
    this.offsetMs = new Date(time).getTime() - Date.now()
  }

  reset(): void {
    this.offsetMs = 0
  }

  get offset(): number {
    return this.offsetMs
  }
}
