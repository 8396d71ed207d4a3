// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Package boundaries (docs/architecture.md): data flows one way. shared/ imports neither side; server/ and
 * client/ never import each other; nobody reaches into another package's files by path.
 */
const deepImports = [
  {
    group: ['@unitroom/*/src/*', '@unitroom/*/dist/*'],
    message: 'Import the package entry, not its files.',
  },
  {
    group: ['**/shared/src/*', '**/server/src/*', '**/client/src/*'],
    message: 'Import the workspace package, not its files.',
  },
];
const restrict = (paths, patterns = []) => ({
  'no-restricted-imports': ['error', { paths, patterns: [...deepImports, ...patterns] }],
});
const serverOnly = [
  'express',
  'better-sqlite3',
  'kysely',
  'argon2',
  'socket.io',
  'ws',
  'helmet',
].map((name) => ({
  name,
  message: 'Server-only dependency.',
}));

const serverPaths = [
  { name: '@unitroom/client', message: 'The server never imports the client.' },
  { name: 'react', message: 'The server renders no React.' },
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      ...restrict(
        [
          { name: '@unitroom/server', message: 'shared/ must not import the server.' },
          { name: '@unitroom/client', message: 'shared/ must not import the client.' },
          ...serverOnly,
          { name: 'react', message: 'shared/ holds no views.' },
        ],
        [{ group: ['node:*'], message: 'shared/ runs in browsers too.' }],
      ),
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      ...restrict(serverPaths),
    },
  },
  {
    // Services raise domain errors (server/src/domain) and never know which transport asked:
    // only the HTTP layer and the app that mounts it import http/.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/http/**', 'server/src/app.ts', 'server/src/app/**'],
    rules: {
      ...restrict(serverPaths, [
        {
          group: ['**/http/*', '**/http/**'],
          message: 'Services do not import the HTTP layer; raise a DomainError instead.',
        },
      ]),
    },
  },
  {
    // The access policy is pure: REST routes, document sockets and the unit channel ask it;
    // enforcing a revocation on open sockets lives in revocation/, which may import it.
    files: ['server/src/access/**/*.ts'],
    rules: {
      ...restrict(
        [...serverPaths, 'socket.io', 'ws', 'express'].map((path) =>
          typeof path === 'string'
            ? { name: path, message: 'The access policy holds no transport.' }
            : path,
        ),
        [
          {
            group: [
              '**/http/*',
              '**/unitChannel/*',
              '**/collab/*',
              '**/extensions/*',
              '**/revocation/*',
              '**/scale/*',
            ],
            message:
              'The access policy is pure: no sockets, channels, routes or revocation wiring.',
          },
        ],
      ),
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [
          { name: '@unitroom/server', message: 'The client never imports the server.' },
          ...serverOnly,
        ],
        [{ group: ['node:*'], message: 'The client runs in browsers.' }],
      ),
    },
  },
  {
    files: ['client/vite.config.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      ...restrict([
        { name: '@unitroom/client', message: 'Tests drive the client through a browser.' },
      ]),
    },
  },
);
