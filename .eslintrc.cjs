/** One lint setup for every workspace; formatting is Prettier's job (eslint-config-prettier). */
module.exports = {
  root: true,
  parser: '@typescript-eslint/parser',
  parserOptions: { ecmaVersion: 2022, sourceType: 'module', ecmaFeatures: { jsx: true } },
  plugins: ['@typescript-eslint', 'react-hooks'],
  extends: ['eslint:recommended', 'plugin:@typescript-eslint/recommended', 'prettier'],
  env: { node: true, es2022: true },
  rules: {
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    '@typescript-eslint/no-explicit-any': 'warn',
    'react-hooks/rules-of-hooks': 'error',
    'react-hooks/exhaustive-deps': 'warn',
  },
  overrides: [
    {
      files: ['**/*.js', '**/*.cjs'],
      rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-var-requires': 'off' },
    },
    { files: ['client/**/*.{ts,tsx}'], env: { browser: true } },
    {
      // `useEmulator()` / `useBrowser()` are Jest fixtures, not React hooks.
      files: ['tests/**/*.ts', '**/*.test.ts'],
      env: { jest: true },
      rules: { '@typescript-eslint/no-explicit-any': 'off', 'react-hooks/rules-of-hooks': 'off' },
    },
  ],
  ignorePatterns: ['node_modules/', 'dist/', '.data/', 'coverage/', 'test-artifacts/'],
}
