// Layer rules (docs/ARCHITECTURE.md): each layer imports only downwards. A wrong import fails lint with a
// message that says where the code belongs instead.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Module names are matched exactly; folder patterns use gitignore syntax.
const io = [
  'fs',
  'fs/promises',
  'child_process',
  'net',
  'http',
  'https',
  'worker_threads',
  'os',
  'path',
];
const nodeOnly = ['better-sqlite3', 'pkcs11js', 'fastify', 'ws'];

function restrict(names, patterns, message) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: names.map((name) => ({ name, message })),
        patterns: [{ group: patterns, message }],
      },
    ],
  };
}

// SQL has one owner per side: the client's typed store and the server's store. Anywhere else in
// the product a statement is prepared or run, it bypasses the store's row schemas and change
// events. (Tests and benchmarks seed and inspect database files directly, as a person would.)
const sqlOutsideStore = {
  'no-restricted-syntax': [
    'error',
    {
      selector: "CallExpression[callee.property.name='prepare']",
      message:
        'SQL belongs in electron/services/store/ (client) or server/store/ (server): add a method to the store interface and call that.',
    },
    {
      selector:
        'CallExpression[callee.property.name=/^(exec|pragma)$/][arguments.0.type=/^(Literal|TemplateLiteral)$/]',
      message:
        'SQL belongs in electron/services/store/ (client) or server/store/ (server): add a method to the store interface and call that.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'release/**',
      'native/ukey-sim/build/**',
      'bench/results.json',
      '.tmp/**',
      '.demo/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: restrict(
      [...io, 'electron', ...nodeOnly],
      ['node:*', '**/electron/**', '**/native/**', '**/server/**', '**/renderer/**'],
      'domain/ is pure rules and types: no I/O, no electron, no upper layers. Put I/O in electron/services/ or server/.',
    ),
  },
  {
    files: ['native/**/*.ts'],
    rules: restrict(
      ['electron'],
      ['**/electron/**', '**/server/**', '**/renderer/**'],
      'native/ is the token boundary and may import only domain/. Move app logic to electron/services/.',
    ),
  },
  {
    files: ['electron/services/**/*.ts'],
    rules: restrict(
      ['electron'],
      [
        '**/electron/main/**',
        '**/electron/preload/**',
        '**/electron/browser/**',
        '**/renderer/**',
        '**/server/**',
      ],
      'Services never import electron or the shell: they must run under plain Node (tests, browser mode). Put Electron-only code in electron/main/.',
    ),
  },
  {
    files: ['electron/contract/**/*.ts'],
    rules: restrict(
      [...io, 'electron', ...nodeOnly],
      ['node:*', '**/services/**', '**/native/**', '**/main/**', '**/renderer/**'],
      'The contract is shared with the renderer: only zod and domain/ types belong here.',
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [...io, 'electron', ...nodeOnly],
        [
          'node:*',
          '**/electron/services/**',
          '**/electron/main/**',
          '**/electron/preload/**',
          '**/electron/browser/**',
          '**/native/**',
          '**/server/**',
        ],
        'The renderer is a view: it may import domain/ and electron/contract/ only. Ask the main side through the contract.',
      ),
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: restrict(
      ['electron'],
      ['**/electron/**', '**/native/**', '**/renderer/**'],
      'server/ is the other end of the protocol and may import only domain/.',
    ),
  },
  {
    files: ['{electron,renderer,domain,native,server,scripts}/**/*.{ts,tsx}'],
    ignores: ['electron/services/store/**', 'server/store/**'],
    rules: sqlOutsideStore,
  },
);
