/** Numbers typed by a person are read as written; the contract, not the input, decides. */
import { contract, parseInput, AppError } from '@honglin/shared'
import { ACTION_SPECS, actionInput } from '../../client/src/logic/demand-view'
import { NUMBER_INPUT, numberFrom } from '../../client/src/logic/numbers'

function refusal(input: Record<string, unknown>): Record<string, string> | undefined {
  try {
    parseInput(contract.Schemas.task.complete, input)
  } catch (error) {
    if (error instanceof AppError) return error.fields
    throw error
  }
  return undefined
}

const complete = (hours: string) => actionInput(ACTION_SPECS.complete, 'd1', { note: '已完成', hours })

test('a negative or oversized number stays what was typed and is refused with the contract’s message', () => {
  expect(complete('-2').hours).toBe(-2)
  expect(refusal(complete('-2'))).toEqual({ hours: '服务时长至少 0.5 小时' })
  expect(refusal(complete('1e9'))).toEqual({ hours: '服务时长请填写数字' })
  expect(refusal(complete('100'))).toEqual({ hours: '单次服务时长不超过 24 小时' })
})

test('only plain decimals are numbers: hex, exponents, Infinity and commas are not', () => {
  for (const text of ['0x10', '1e1', 'Infinity', '1,5', '2小时', '--2', '1.2.3']) expect([text, numberFrom(text)]).toEqual([text, NaN])
  expect(refusal(complete('0x10'))).toEqual({ hours: '服务时长请填写数字' })
})

test('what people type on a Chinese keyboard reads as digits; empty is missing', () => {
  expect(numberFrom(' 1.5 ')).toBe(1.5)
  expect(numberFrom('１．５')).toBe(1.5)
  expect(numberFrom('.5')).toBe(0.5)
  expect(numberFrom('  ')).toBeUndefined()
  expect(refusal(complete(''))).toEqual({ hours: '请填写服务时长' })
  expect(refusal(complete('１.５'))).toBeUndefined()
})

test('on H5 the number inputs filter nothing (Taro’s digit input would drop the minus sign)', () => {
  expect(NUMBER_INPUT).toEqual({ type: 'text', nativeProps: { inputMode: 'decimal' } })
})
