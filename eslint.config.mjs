import js from '@eslint/js';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Forbids `files` to import the given sibling folders (by relative path) and packages. */
function restrictImports(files, { folders = [], packages = [] }) {
  return {
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: packages.map((name) => ({
            name,
            message: `${files} must not depend on ${name} (docs/architecture.md, "Layers").`,
          })),
          patterns: folders.map((folder) => ({
            regex: `^(\\.\\./)+${folder}/`,
            message: `${files} must not import ${folder}/ (docs/architecture.md, "Layers").`,
          })),
        },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.build/**',
      'artifacts/**',
      '**/*.d.ts',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks },
    settings: { react: { version: '18.3' } },
    rules: {
      ...react.configs.recommended.rules,
      ...reactHooks.configs.recommended.rules,
      'react/react-in-jsx-scope': 'off',
      'react/prop-types': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  // The backend's layers, as Grafana's Go SDK draws them: the transport knows no SQL and no engine;
  // engines know no transport and no handler; sql/, frames/ and logging/ know none of those.
  ...[
    ['protocol', { folders: ['sql', 'engines'], packages: ['@flowlens/sql-text', '@flowlens/flow-schema'] }],
    ['engines', { folders: ['protocol', 'handlers'] }],
    ['sql', { folders: ['protocol', 'handlers', 'engines', 'logging'] }],
    ['frames', { folders: ['protocol', 'handlers', 'engines', 'sql', 'logging'] }],
    ['logging', { folders: ['protocol', 'handlers', 'engines', 'sql', 'frames'] }],
  ].map(([layer, forbidden]) => restrictImports(`plugins/flows-datasource/backend/src/${layer}/**`, forbidden)),
  // A panel's layout is pure (data in, positions out); its data step knows nothing of drawing.
  ...['sankey-panel', 'chord-panel'].flatMap((panel) => [
    restrictImports(`plugins/${panel}/src/layout/**`, {
      folders: ['render'],
      packages: ['react', 'react-dom', '@grafana/ui', '@emotion/css'],
    }),
    restrictImports(`plugins/${panel}/src/data/**`, {
      folders: ['render', 'layout'],
      packages: ['react', 'react-dom', '@grafana/ui', '@emotion/css'],
    }),
  ]),
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  }
);
