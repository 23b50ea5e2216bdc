/**
 * The time functions act on. In the cloud it is the machine's clock; under the local emulator
 * it follows the emulator's clock, which tests move to exercise deadlines (SLA) without waiting.
 */
export function serverNow(): number {
  return Date.now() + Number(process.env.CLOUDBASE_EMULATOR_CLOCK_OFFSET_MS ?? 0)
}
