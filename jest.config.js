/**
 * Test projects:
 * - node: shared domain logic, the emulator, cloud functions through the real wx-server-sdk;
 * - e2e:  the H5 build in real Chromium (needs the builds that scripts/test.mjs runs first);
 * - weapp: pages of the weapp build (client/dist/weapp) in miniprogram-simulate under jsdom,
 *   their cloud functions answered by a real emulator (tests/weapp/support/harness.ts).
 */
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }]

const common = {
  // Built function folders repeat their package.json names; Jest must not index them.
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/client/dist/'],
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '^@honglin/shared$': '<rootDir>/shared/src/index.ts',
    '^@honglin/shared/(.*)$': '<rootDir>/shared/src/$1',
  },
}

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: 'node',
      testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/shared/src/**/*.test.ts', '<rootDir>/emulator/src/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/e2e/', '<rootDir>/tests/weapp/'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'weapp',
      testEnvironment: 'jsdom',
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'],
      // The harness loads client/dist/weapp through Jest's require: it must stay visible, and
      // its already-compiled bundles need no transform.
      modulePathIgnorePatterns: ['<rootDir>/dist/'],
      transformIgnorePatterns: ['/node_modules/', '<rootDir>/client/dist/'],
    },
  ],
}
