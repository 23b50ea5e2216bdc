/** Reading a pickup code from what the 核销 page's scanner or WeChat's camera hands over. */
import { codeFromScanResult, codeFromScene } from '../../client/src/logic/mall'

test('a pickup 小程序码 answers the 核销 page’s path; the code is its scene, encoded or not', () => {
  // As scanCode answers on Android and on iOS (which percent-encodes the query).
  expect(codeFromScanResult({ result: '', path: 'packages/mall/verify/index?scene=12345678' })).toBe('12345678')
  expect(codeFromScanResult({ result: '', path: 'packages/mall/verify/index?scene=12345678&from=x' })).toBe('12345678')
  expect(codeFromScanResult({ path: 'packages/mall/verify/index?scene=%2012345678' })).toBe('12345678')
  // A printed QR or a typed code: its text.
  expect(codeFromScanResult({ result: '兑换码 8765 4321' })).toBe('87654321')
  expect(codeFromScanResult({ result: '8765', path: '' })).toBe('8765')
})

test('the page opened by WeChat’s camera reads the code from its scene', () => {
  expect(codeFromScene('12345678')).toBe('12345678')
  expect(codeFromScene('1234%205678')).toBe('12345678')
  // A stray % is no encoding: read as it is.
  expect(codeFromScene('12345678%')).toBe('12345678')
  expect(codeFromScene(undefined)).toBe('')
})
