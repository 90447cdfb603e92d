// Lint is mainly here to enforce module boundaries: framework-free libs stay framework-free.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const FRAMEWORKS = [
  { group: ['@nestjs/*'], message: 'libs/ are framework-free: no NestJS here.' },
  { group: ['typeorm', 'typeorm/*', 'pg'], message: 'libs/ are framework-free: no database drivers or ORM here.' },
  { group: ['react', 'react-dom', 'react-admin', '@mui/*', '@apollo/*'], message: 'libs/ are framework-free: no UI frameworks here.' },
  { group: ['**/apps/**'], message: 'libs/ must not import from apps/.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.nx/**', 'test-artifacts/**', '**/*.d.ts', 'libs/trainer/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-debugger': 'error',
      'no-var': 'error',
      'prefer-const': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: FRAMEWORKS }] },
  },
  {
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    ignores: ['apps/web/e2e/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn', 'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/api/**', '@nestjs/*', 'typeorm'], message: 'the web app talks to the API over GraphQL only.' }] }] },
  },
);
