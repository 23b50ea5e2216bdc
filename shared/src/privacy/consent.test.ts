/** The privacy notice and what is recorded when someone agrees to it. */
import { CONSENT_LINE, coversCurrentNotice, consentRecord, PRIVACY_POINTS, PRIVACY_VERSION } from './consent'
import { DEFAULT_RETENTION_DAYS } from './retention'

test('a record names the current version, when, and who attested it for someone else', () => {
  expect(consentRecord(1000)).toEqual({ version: PRIVACY_VERSION, at: 1000 })
  expect(consentRecord(1000, 'user-grid')).toEqual({ version: PRIVACY_VERSION, at: 1000, by: 'user-grid' })
  expect(coversCurrentNotice(consentRecord(5))).toBe(true)
  expect(coversCurrentNotice({ version: 'old', at: 5 })).toBe(false)
  expect(coversCurrentNotice(undefined)).toBe(false)
})

test('the notice states the retention period the timer applies, and the consent line is Chinese', () => {
  expect(PRIVACY_POINTS.join('')).toContain(`${DEFAULT_RETENTION_DAYS} 天`)
  expect(CONSENT_LINE).toMatch(/^我同意/)
})
