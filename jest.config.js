// Plain CommonJS on purpose: a TypeScript Jest config needs ts-node, which the generated Nx config tripped on.
// NestJS 12 ships ES modules only. @swc/jest compiles those packages (and our TypeScript) to CommonJS, and Jest
// caches the result. On Node 24 Jest could load them as ES modules instead, but only under
// --experimental-vm-modules, and it re-links the whole module graph in every run: measured on three Nest suites
// (22 tests, one worker), 12-19 s cold either way, but 13-15 s warm against 4-6 s with this transform.
const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // TypeScript first: a stray compiled .js beside its .ts must never shadow the source under test.
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: { '^.+\\.(ts|js|mjs)$': swcTransform },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras)/)'],
  // A library's public index, and its /testing entry point (helpers for suites only, never for services).
  moduleNameMapper: {
    '^@incident/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^@incident/([a-z-]+)/testing$': '<rootDir>/libs/$1/src/testing.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/apps/.*/dist/', '<rootDir>/libs/.*/dist/', '<rootDir>/.data/'],
};

/** Unit tests are pure; integration and end-to-end tests get the real PostgreSQL and Kafka from globalSetup. */
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.unit.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.{int,e2e}.spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest/integration-timeout.ts'],
    },
  ],
};
