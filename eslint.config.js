// Lint rules, including the ones that keep the architecture's layers apart
// (see README "Architecture"): imports only go downwards.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'node:*'];
const nativeAndHost = ['electron', 'better-sqlite3', 'onnxruntime-node', 'sharp', 'ws'];

const restrict = (paths, patterns) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});
const pathsWith = (names, message) => names.map((name) => ({ name, message }));

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', '.cache/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-shared/**'],
    languageOptions: { globals: {} },
    rules: restrict(pathsWith([...nodeBuiltins, ...nativeAndHost, 'react'], 'src-shared is plain TypeScript: no Node, no DOM, no host libraries.'), [
      { group: ['**/src-main/**', '**/src-renderer/**', 'node:*'], message: 'src-shared imports nothing above it.' },
    ]),
  },
  {
    files: ['src-main/engine/**'],
    rules: restrict(pathsWith(['electron', 'better-sqlite3', 'ws', 'node:http', 'http'], 'The engine runs in its own process: no Electron, SQLite or HTTP.'), [
      { group: ['**/service/**', '**/store/**', '**/transports/**', '**/app/**', '**/src-renderer/**'], message: 'The engine imports only src-shared and itself.' },
    ]),
  },
  {
    files: ['src-main/export/**', 'src-main/story/**'],
    rules: restrict(pathsWith(['electron'], 'Exports and story rules sit below the service: no Electron.'), [
      { group: ['**/service/**', '**/transports/**', '**/app/**', '**/src-renderer/**'], message: 'Exports and story rules sit below the service and the transports.' },
    ]),
  },
  {
    files: ['src-main/service/**', 'src-main/store/**'],
    rules: restrict(pathsWith(['electron'], 'The service and store know nothing about transports.'), [
      { group: ['**/transports/**', '**/src-renderer/**'], message: 'The service and store know nothing about transports.' },
    ]),
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(pathsWith([...nodeBuiltins, ...nativeAndHost], 'The renderer reaches the backend only through the contract.'), [
      { group: ['**/src-main/**', 'node:*'], message: 'The renderer imports only src-shared.' },
    ]),
  },
);
