import nx from '@nx/eslint-plugin';
import jest from 'eslint-plugin-jest';
import prettier from 'eslint-config-prettier';

/**
 * typescript-eslint's recommended rules (syntactic: type-aware rules cost minutes on two cores) plus Nx's
 * module boundaries: apps never import apps, the domain imports only the domain, utilities only utilities.
 */
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/node_modules',
      '**/dist',
      'apps/*/src/**/*.js',
      'libs/*/src/**/*.js',
      '.data/**',
      '.nx/**',
      'coverage/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    // Lets consistent-type-imports keep value imports that Nest's dependency injection reads at runtime.
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:util'] },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:util'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // The event store is the source of truth and knows nothing of what distributes it (DESIGN.md §3):
            // Kafka clients and the Kafka-facing library stay out of it, so the store can never dual-write.
            {
              sourceTag: 'role:event-store',
              bannedExternalImports: ['kafkajs', '@nestjs/microservices'],
              notDependOnLibsWithTags: ['role:messaging'],
            },
            // Timers know PostgreSQL only: whatever a firing does elsewhere, the service's handler does it.
            {
              sourceTag: 'role:scheduler',
              bannedExternalImports: ['kafkajs', '@nestjs/microservices'],
              notDependOnLibsWithTags: ['role:messaging'],
            },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // eslint-plugin-jest's recommended rules on every suite: no focused or disabled tests, no expect that runs
    // only sometimes, expect called properly. supertest's `.expect(200)` and the decider specification's
    // given(…).when(…).then(…) / .thenThrows(…) count as assertions.
    files: ['**/*.spec.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/no-disabled-tests': 'error',
      'jest/no-commented-out-tests': 'error',
      'jest/expect-expect': [
        'error',
        { assertFunctionNames: ['expect', '**.expect', 'given.when.then', 'given.when.thenThrows'] },
      ],
    },
  },
  {
    // Services never reach for test helpers: a library's /testing entry point and any testing-support or
    // test-support folder are for suites (and other test helpers) only, and are left out of the builds.
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: [
      '**/*.spec.ts',
      '**/testing-support/**',
      '**/test-support/**',
      'libs/*/src/testing.ts',
      'libs/testing/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@incident/*/testing',
                '**/testing-support',
                '**/testing-support/*',
                '**/test-support',
                '**/test-support/*',
              ],
              message: 'test helpers are for *.spec.ts files and test support only, never for production code',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'libs/testing/**/*.ts'],
    // Tests index into results they have just asserted on; `!` there says "the assertion above holds".
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['tools/**/*.mjs', '*.js', '*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        fetch: 'readonly',
        AbortSignal: 'readonly',
        URL: 'readonly',
        __dirname: 'readonly',
        module: 'writable',
        require: 'readonly',
      },
    },
  },
  prettier,
];
