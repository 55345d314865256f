// @ts-check
/**
 * ESLint (flat config): eslint's and typescript-eslint's recommended rules everywhere, plus
 * no-floating-promises (type-aware, through the TypeScript project service) on TypeScript
 * files. Plain JavaScript gets the globals of where it runs.
 */
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['node_modules/', 'dist/', 'results/', '.cache/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise nobody awaits loses its rejection (and a harness fault with it).
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    rules: {
      // `const { dropped: _dropped, ...rest } = value` is how a copy leaves keys out.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
      // `let [tag, i1, i2] = code` where only some are reassigned stays one destructuring.
      'prefer-const': ['error', { destructuring: 'all' }],
    },
  },
  {
    // Node processes: the CLI launcher, this file, and the JavaScript executor's worker process.
    files: ['**/*.js', '**/*.mjs'],
    ignores: ['sandbox/javascript/worker/prelude.mjs', 'sandbox/javascript/worker/md5.mjs', 'sandbox/javascript/worker/node-assert.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Injected into an isolate as source text (Function.prototype.toString): only the
    // language's own builtins exist there, no Node or browser globals.
    files: ['sandbox/javascript/worker/prelude.mjs', 'sandbox/javascript/worker/md5.mjs', 'sandbox/javascript/worker/node-assert.mjs'],
    languageOptions: { globals: { ...globals.builtin } },
  },
);
