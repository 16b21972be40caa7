// @ts-check
/**
 * Lint rules (typescript-eslint's recommended set, without type information so that it stays
 * fast) plus the project's own: type-only imports marked as such, one import per module, and
 * only entry points (`index.ts`) and configuration modules read `process.env`. Formatting is
 * Prettier's (`npm run format`), checked separately.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Code that runs in a service or package: configuration reaches it as arguments. */
const LIBRARY_CODE = [
  'packages/*/src/**/*.ts',
  'subgraphs/*/src/**/*.ts',
  'gateway/src/**/*.ts',
  'simulator/src/**/*.ts',
  'ui/server/**/*.ts',
];
/** The modules that may read process.env: entries and configuration readers. */
const ENV_READERS = [
  '**/src/index.ts',
  '**/src/config.ts',
  '**/src/*Config.ts',
  'ui/server/index.ts',
  'ui/server/config.ts',
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/__generated__/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The CommonJS files: dependency-cruiser's configuration and the bench's load worker.
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        module: 'writable',
        require: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: LIBRARY_CODE,
    ignores: ENV_READERS,
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            'Only index.ts and configuration modules read process.env: take the value as an argument.',
        },
      ],
    },
  },
);
