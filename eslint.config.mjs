import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import formatjs from 'eslint-plugin-formatjs';
import { cliStringsRule } from './electron/tools/eslint-cli-strings.mjs';
import { windowStringsRule } from './electron/tools/eslint-window-strings.mjs';
import { errorWordsRule } from './electron/tools/eslint-error-words.mjs';
import { layersRule } from './electron/tools/eslint-layers.mjs';

/**
 * The window's components whose JSX need not come from the catalogs, each with its reason; every other
 * window component is checked (a new view from its first line).
 */
const UNTRANSLATED_FILES = [
  // None today: a file goes here only with the reason its JSX holds no words a person reads.
];

/**
 * Where a MailbagError's sentence must be a catalog message made by wordedError, never literal text
 * (electron/tools/eslint-error-words.mjs): one line per folder.
 */
const WORDED_ERROR_FILES = [
  'electron/services/**/*.ts',
  'electron/storage/**/*.ts',
  'electron/workers/**/*.ts',
  'electron/jobs/**/*.ts',
  'electron/protocols/**/*.ts',
  'electron/cli/**/*.ts',
  'electron/main/**/*.ts',
  'shared/**/*.ts',
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
    plugins: { mailbag: { rules: { layers: layersRule } } },
    rules: {
      'mailbag/layers': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Text a person reads goes through the catalogs (shared/i18n): a literal in JSX, or in a text
    // attribute (aria-label, title, placeholder, alt, label, hint, …), fails here.
    files: ['renderer/**/*.tsx'],
    ignores: UNTRANSLATED_FILES,
    plugins: { formatjs },
    rules: {
      'formatjs/no-literal-string-in-jsx': ['error', { props: { include: [['*', '(label|hint|title|summary|text|confirm|cancel|placeholder|alt)']] } }],
    },
  },
  {
    // The same outside JSX: a sentence in the window's code, a word handed to setError/alert/new Error,
    // a `title:` or `label:` value, what a `*-words.ts` module returns; and everywhere in main: its
    // dialogs, menus, notifications and tray, and the refusals its handlers send to the window
    // (electron/tools/eslint-window-strings.mjs).
    files: ['renderer/**/*.{ts,tsx}', 'electron/main/**/*.ts'],
    plugins: { 'mailbag-window': { rules: { strings: windowStringsRule } } },
    rules: { 'mailbag-window/strings': 'error' },
  },
  {
    // The command line's human output comes from the catalogs too: a sentence printed or thrown as a
    // literal fails here.
    files: ['electron/cli/**/*.ts'],
    plugins: { 'mailbag-cli': { rules: { strings: cliStringsRule } } },
    rules: { 'mailbag-cli/strings': 'error' },
  },
  {
    // A MailbagError's sentence is said in the reader's language: it is made by wordedError from a
    // catalog message, so a sentence written as the error's message fails here.
    files: WORDED_ERROR_FILES,
    plugins: { 'mailbag-errors': { rules: { words: errorWordsRule } } },
    rules: { 'mailbag-errors/words': 'error' },
  },
  {
    files: ['test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
