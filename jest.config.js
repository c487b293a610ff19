/**
 * Two projects, one run: `unit` is every `*.spec.ts` beside its source in libs/ and apps/; `e2e` is every
 * `*.e2e.spec.ts` under test/ (the API, a CLI process, a browser, or several libraries together).
 * `npm run test:unit` / `npm run test:e2e` select one; `npx jest <path>` still runs any file.
 */
const { readdirSync } = require('node:fs');
const { join } = require('node:path');
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias.replace(/[/]/g, '\\/')}$`, `<rootDir>/${target}`]),
);

// A spec named against the convention would match neither project and silently never run: refuse it.
const misplaced = ['libs', 'apps', 'test'].flatMap((root) =>
  readdirSync(join(__dirname, root), { recursive: true })
    .filter((file) => file.endsWith('.spec.ts') && !file.split(/[\\/]/).includes('node_modules'))
    .filter((file) => (root === 'test') !== file.endsWith('.e2e.spec.ts'))
    .map((file) => join(root, file)),
);
if (misplaced.length > 0) {
  throw new Error(
    `These specs break the naming rule (unit: *.spec.ts beside the source in libs/ or apps/; end-to-end: *.e2e.spec.ts under test/):\n  ${misplaced.join('\n  ')}`,
  );
}

const shared = {
  testEnvironment: 'node',
  moduleNameMapper,
  // A few of Fastify's dependencies ship ES modules only (Node 20 requires them natively; jest does not).
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie|@fastify/cookie)/)'],
  // Transpile only: `npm test` type-checks the whole tree once before jest starts.
  transform: {
    '^.+\\.(ts|js)$': ['ts-jest', { tsconfig: { isolatedModules: true, allowJs: true, sourceMap: true } }],
  },
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/libs', '<rootDir>/apps'], testMatch: ['**/*.spec.ts'] },
    { ...shared, displayName: 'e2e', roots: ['<rootDir>/test'], testMatch: ['**/*.e2e.spec.ts'] },
  ],
  testTimeout: 30000,
};
