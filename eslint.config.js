// ESLint flat config. Besides the recommended JavaScript/TypeScript/React-hooks rules it holds the
// project's import boundaries (docs/ARCHITECTURE.md, "Layout"):
//   src-shared    pure TypeScript: nothing from src-main, src-renderer, Node or Electron
//   src-main/core no `electron` (unit-testable under plain Node)
//   src-renderer  only src-shared and its own files; no Node, Electron or native packages
// scripts/release/lintBoundaries.test.ts lints sample imports against these rules.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));
const NODE_IMPORTS = [{ regex: '^node:', message: 'Node built-ins are not available here.' }];
// Exact names, not patterns: a pattern "domain" would also match a sibling file './domain'.
const NODE_IMPORT_PATHS = nodeBuiltins.map((name) => ({ name, message: 'Node built-ins are not available here.' }));
// The globals of the Node running ESLint are the globals plain JavaScript files here may use.
const NODE_GLOBALS = Object.fromEntries(Object.getOwnPropertyNames(globalThis).map((name) => [name, 'readonly']));
const ELECTRON_IMPORTS = { group: ['electron', 'electron/*'], message: 'Only src-main/app may use Electron.' };
const NATIVE_IMPORTS = {
  group: ['better-sqlite3', 'onnxruntime-node', '@echogarden/espeak-ng-emscripten'],
  message: 'Native and engine packages belong to the main process.',
};

/**
 * Relative specifiers that leave `folder` from a file `depth` folders below it, except into
 * the folders listed in `allowed` (matched as the first segment after the climb).
 */
function escapesFolder(depth, allowed) {
  const climb = `(?:\\.\\./){${depth}}`;
  const allowedSegments = allowed.map((name) => `${name}(?:/|$)`).join('|');
  return allowedSegments ? `^${climb}(?!${allowedSegments})` : `^${climb}`;
}

/** One config block per nesting depth, so relative paths are judged from where the file is. */
function boundary(folder, { allowedSiblings, extraPatterns, extraPaths, message }) {
  return [1, 2, 3, 4, 5].map((depth) => ({
    files: [`${folder}/${'*/'.repeat(depth - 1)}*.{ts,tsx,js,mjs,cjs}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: extraPaths,
          patterns: [...extraPatterns, { regex: escapesFolder(depth, allowedSiblings), message }],
        },
      ],
    },
  }));
}

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'release/**',
      'release-e2e/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**',
      'reports/**',
      'e2e/artifacts/**',
      'models/**',
      'build/**',
      '.tmp/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: NODE_GLOBALS },
  },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    rules: {
      // Type-aware tooling (tsc) already reports undefined names in TypeScript.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests and their fakes reach into untyped corners on purpose.
    files: ['**/*.test.{ts,tsx}', '**/testing/**/*.{ts,tsx}', 'e2e/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    rules: {
      // The two classic hook rules fail the build; the React Compiler's stricter analyses advise.
      ...Object.fromEntries(Object.keys(reactHooks.configs.flat.recommended.rules).map((rule) => [rule, 'warn'])),
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  ...boundary('src-shared', {
    allowedSiblings: [],
    extraPatterns: [...NODE_IMPORTS, ELECTRON_IMPORTS, NATIVE_IMPORTS],
    extraPaths: NODE_IMPORT_PATHS,
    message: 'src-shared is pure: it may not import from src-main, src-renderer or anything outside itself.',
  }),
  ...boundary('src-renderer', {
    allowedSiblings: ['src-shared'],
    extraPatterns: [...NODE_IMPORTS, ELECTRON_IMPORTS, NATIVE_IMPORTS],
    extraPaths: NODE_IMPORT_PATHS,
    message: 'src-renderer may import only src-shared and its own files (it talks to the app through window.studio).',
  }),
  {
    files: ['src-main/core/**/*.{ts,tsx,js,mjs,cjs}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ ...ELECTRON_IMPORTS, message: 'src-main/core never imports electron: it runs under plain Node.' }] }],
    },
  },
);
