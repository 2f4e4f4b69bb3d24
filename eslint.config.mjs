import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import { defineConfig, globalIgnores } from 'eslint/config';

/** Drivers and brokers: server processes only. */
const SERVER_PACKAGES = [
  { name: 'mqtt', message: 'Browsers get data from the stream, not from MQTT.' },
  { name: 'aedes', message: 'Server only.' },
  { name: 'ws', message: 'Server only.' },
  { name: 'pg', message: 'The database is reached through lib/db on the server.' },
  { name: '@electric-sql/pglite', message: 'The database is reached through lib/db on the server.' },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', 'node_modules/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**']),
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip)$/]',
          message: 'Focused or skipped tests hide failures.',
        },
      ],
    },
  },
  {
    // The browser side never reaches the broker, the ingest, the database or the server runtime.
    // (app/ pages are server components: they may read server config, but see below.)
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...SERVER_PACKAGES,
            {
              name: 'server-only',
              message: 'A component that needs server-only code is a server module: move it to lib/.',
            },
          ],
          patterns: [
            {
              group: [
                ...['ingest', 'stream', 'server', 'db', 'alerts', 'reports'].flatMap((d) => [
                  `@/lib/${d}/*`,
                  `**/lib/${d}/*`,
                ]),
                '@/lib/auth/*',
                '**/lib/auth/*',
                '!@/lib/auth/permissions',
                '!**/lib/auth/permissions',
                '!@/lib/auth/session-cookie',
                '!**/lib/auth/session-cookie',
              ],
              message: 'Server code: components use lib/contracts, lib/i18n, lib/auth/permissions and the store.',
            },
            {
              group: ['@/lib/contracts/validate', '**/contracts/validate'],
              message: 'Validation runs at the door, on the server.',
            },
            { group: ['@/telemetry-sim/*', '**/telemetry-sim/*'], message: 'The simulator is a separate program.' },
            {
              group: ['deck.gl'],
              message: 'Use @deck.gl/core, /layers, /react: the umbrella package pulls in @arcgis/core.',
            },
            { group: ['echarts'], message: 'Import from components/charts/echarts-core (tree-shaken).' },
          ],
        },
      ],
    },
  },
  {
    // lib/ is below components/ in the data flow: it never reaches up into the browser side.
    files: ['lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/components/*', '**/components/*'],
              message: 'lib/ never imports components/ (the data flows the other way).',
            },
          ],
        },
      ],
    },
  },
  {
    // Pages and layouts render; they read the runtime through lib/server, never a driver or the ingest.
    files: ['app/**/page.tsx', 'app/**/layout.tsx', 'proxy.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: SERVER_PACKAGES,
          patterns: [
            {
              group: ['@/lib/ingest/*', '**/lib/ingest/*', '@/lib/db/*', '**/lib/db/*'],
              message: 'Pages read data through lib/server, not from the ingest or the database.',
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures call their continuation `use`; it is not a React hook.
    files: ['e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['components/charts/echarts-core.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Tests of the map's geometry check it against the simulator's world (where its venues stand);
    // they run in Node and ship to no browser.
    files: ['components/map/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
]);
