/**
 * Unit and integration tests share jest's workers (one on two cores). Integration files share one
 * PostgreSQL; each names its databases after itself and listens on free ports.
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
module.exports = {
  testTimeout: 120000,
  // Node's vm keeps every test file's module registry alive under --experimental-vm-modules (each file
  // about 70 MB of heap): a worker that grew past this is replaced after its file, so a long run never
  // nears the heap limit and its pauses. It also makes jest use a worker on a machine with two cores.
  workerIdleMemoryLimit: '1GB',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/{platform,subgraphs,gateway,generator,scripts,bench}/**/__tests__/**/*.test.ts'],
      setupFiles: ['reflect-metadata'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      setupFiles: ['reflect-metadata'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
