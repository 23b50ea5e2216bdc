/** Masking of free text: phone and house numbers starred, names shortened, everything else kept. */
import { maskFreeText } from './mask'

describe('phone and long numbers', () => {
  test.each([
    ['请打13812345678联系我', '请打***********联系我'],
    ['电话 138 1234 5678 找张阿姨', '电话 *** **** **** 找张阿姨'],
    ['电话138-1234-5678', '电话***-****-****'],
    ['+86 13812345678', '+** ***********'],
    ['座机022-12345678或02212345678', '座机***-********或***********'],
    ['身份证110101199003077777', '身份证******************'],
    ['尾号X的11010119900307777X', '尾号X的******************'],
    ['全角１３８１２３４５６７８', '全角***********'],
  ])('%s → %s', (text, masked) => {
    expect(maskFreeText(text)).toBe(masked)
  })
})

describe('house numbers', () => {
  test.each([
    ['住在3号楼2单元501', '住在*号楼*单元***'],
    ['新园里3号楼2门301，敲门', '新园里*号楼*门***，敲门'],
    ['3栋501室漏水', '*栋***室漏水'],
    ['3号楼1502', '*号楼****'],
    ['2单元501的老人', '*单元***的老人'],
    ['501室', '***室'],
    ['12-3-402', '**-*-***'],
    ['地址：5-1102', '地址：*-****'],
    ['12号院3门', '**号院*门'],
    ['１２－３－４０２', '**－*－***'],
  ])('%s → %s', (text, masked) => {
    expect(maskFreeText(text)).toBe(masked)
  })

  test.each([
    '3号楼前路灯不亮',
    '3号楼和4号楼之间的路灯坏了一个星期',
    '下周二上午9点',
    '需要5-6个人帮忙',
    '预算100-200元',
    '2024-05-01 上午',
    '6月15号上午',
    '两室一厅，2室1厅',
    '10:30-11:30',
    '孙子上三年级',
  ])('keeps %s', (text) => {
    expect(maskFreeText(text)).toBe(text)
  })
})

describe('names', () => {
  test('the given names are shortened wherever they appear; short or empty names are ignored', () => {
    expect(maskFreeText('张阿姨说3号楼2单元501的张阿姨不在家', ['张阿姨', '', undefined, '王'])).toBe('张**说*号楼*单元***的张**不在家')
  })

  test('masking twice changes nothing more', () => {
    const once = maskFreeText('联系张阿姨13812345678，3号楼2单元501', ['张阿姨'])
    expect(maskFreeText(once, ['张阿姨'])).toBe(once)
  })
})
