import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

/**
 * Import direction is part of the architecture: renderer -> shared,
 * electron/* -> shared, main/host/cli -> core. Core never sees Electron, the
 * page never sees core, and only electron/main makes windows. Each rule below
 * has a committed bad-import fixture in a `lint-fixtures` folder and a test
 * (scripts/lint-boundaries.test.ts) that proves it fires.
 */

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const nativeOrServerOnly = [
  'better-sqlite3-multiple-ciphers',
  'node-forge',
  '@signpdf/*',
  'pdf-lib',
  '@react-pdf/renderer',
];

/** Forbids modules by exact name, and by `scope/*` pattern where a name ends in `/*`. */
const restrict = (names, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: names.filter((name) => !name.endsWith('/*')).map((name) => ({ name, message })),
      patterns: [{ group: names.filter((name) => name.endsWith('/*')), message }],
    },
  ],
});

const fixtureGlobs = [
  'renderer/lint-fixtures/*.ts',
  'shared/lint-fixtures/*.ts',
  'electron/core/lint-fixtures/*.ts',
  'electron/preload/lint-fixtures/*.ts',
  'electron/host/lint-fixtures/*.ts',
];

export default defineConfig(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**',
      '**/*.sarif',
      '**/lint-fixtures/**',
      'security/electronegativity-canary/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: fixtureGlobs,
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 20,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] }),
      ],
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './renderer',
              from: './electron',
              message: 'The page talks to core only through the API client.',
            },
            {
              target: './shared',
              from: ['./electron', './renderer'],
              message: 'shared/ depends on nothing else in the app.',
            },
            {
              target: './electron/core',
              from: [
                './electron/main',
                './electron/preload',
                './electron/host',
                './electron/cli',
                './renderer',
              ],
              message: 'Core is plain Node and is called by the doors, never the other way round.',
            },
            {
              target: './electron/preload',
              from: [
                './electron/core',
                './electron/main',
                './electron/host',
                './electron/cli',
                './renderer',
              ],
              message: 'The preload exposes the contract and nothing else.',
            },
            {
              target: ['./electron/host', './electron/cli'],
              from: ['./electron/main', './electron/preload', './renderer'],
              message: 'Browser mode and the CLI run without Electron.',
            },
            {
              target: './electron/main',
              from: ['./renderer', './electron/host', './electron/cli'],
              message: 'Main wires core to the window only.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='BrowserWindow']",
          message: 'Only electron/main/window.ts creates windows.',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    rules: restrict(
      ['electron', ...nodeBuiltins, ...nativeOrServerOnly],
      'This code runs in the page; it cannot use Node, Electron or native modules.',
    ),
  },
  {
    files: ['electron/core/**/*.ts', 'electron/host/**/*.ts', 'electron/cli/**/*.ts'],
    rules: restrict(
      ['electron', 'electron/*'],
      'Core, browser mode and the CLI never import Electron.',
    ),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, ...nativeOrServerOnly],
      'A sandboxed preload has no Node modules.',
    ),
  },
  { files: ['electron/main/window.ts'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
