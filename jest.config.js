/**
 * Node-side tests: shared domain logic, the emulator, cloud functions through the real
 * wx-server-sdk. Browser (Chromium) and miniprogram-simulate suites have their own configs.
 */
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }]

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '^@honglin/shared$': '<rootDir>/shared/src/index.ts',
    '^@honglin/shared/(.*)$': '<rootDir>/shared/src/$1',
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/shared/src/**/*.test.ts', '<rootDir>/emulator/src/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/e2e/', '<rootDir>/tests/weapp/'],
  testTimeout: 30000,
}
