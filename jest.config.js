/** One jest run covers every library, app and end-to-end test. */
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[/]/g, '\\/')}$`,
    `<rootDir>/${target}`,
  ]),
);

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  moduleNameMapper,
  // A few of Fastify's dependencies ship ES modules only (Node 20 requires them natively; jest does not).
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie|@fastify/cookie)/)'],
  // Transpile only: `npm test` type-checks the whole tree once before jest starts.
  transform: {
    '^.+\\.(ts|js)$': [
      'ts-jest',
      { tsconfig: { isolatedModules: true, allowJs: true, sourceMap: true } },
    ],
  },
  testTimeout: 30000,
};
