import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import { defineConfig, globalIgnores } from 'eslint/config';

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
    // The browser side never reaches the broker, the ingest or the server runtime.
    // (app/ pages are server components: they may read server config.)
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'mqtt', message: 'Browsers get data from the stream, not from MQTT.' },
            { name: 'aedes', message: 'Server only.' },
          ],
          patterns: [
            {
              group: [
                '@/lib/ingest/*',
                '@/lib/stream/*',
                '@/lib/server/*',
                '**/lib/ingest/*',
                '**/lib/stream/*',
                '**/lib/server/*',
              ],
              message: 'Server code: components use lib/contracts and the store.',
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
    // Playwright fixtures call their continuation `use`; it is not a React hook.
    files: ['e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['components/charts/echarts-core.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
]);
