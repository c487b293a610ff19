// Lint: typescript-eslint's type-aware checks where mistakes hide (a promise nobody awaits, an `any`
// that spreads), and the project's own rule that the time of day comes from libs/clock only.
// Formatting is Prettier's (`.prettierrc.json`); eslint-config-prettier turns off what would fight it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const readsTheClock = {
  selector: "NewExpression[callee.name='Date'][arguments.length=0]",
  message: 'Ask the injected CLOCK (libs/clock) for the time: one clock, so tests and replays can hold it still.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'node_modules/**',
      'test/artifacts/**',
      'apps/api/src/pages/static/**',
      'scripts/**',
      '**/*.js',
      '*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': ['error', readsTheClock],
    },
  },
  {
    // The one clock; the stores' own `recordedAt`, which the writer may never set; the evidence store's file times.
    files: [
      'libs/clock/src/clock.ts',
      'libs/event-store/src/sqlite/sqlite-event-store.ts',
      'libs/event-store/src/eventstoredb/**/*.ts',
      'libs/evidence/src/filesystem-evidence-store.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Tests and benchmarks read HTTP bodies and rows as they come (supertest's body is `any`) and time themselves.
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts', '**/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      'no-restricted-syntax': 'off',
    },
  },
  prettier,
);
