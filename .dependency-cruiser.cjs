/**
 * The package boundaries (DESIGN §2), checked by `npm run boundaries` in `npm test`:
 * - no import cycles;
 * - a subgraph imports no other subgraph, the gateway no subgraph, and no package a service;
 * - the domain model depends on no other package of ours;
 * - across packages only through a package's name (its `exports`), never a relative path
 *   into another package's files (a deep import);
 * - every import resolves, and every package a workspace imports is in its package.json.
 * Paths are relative to the folder the check runs in (tests/unit/boundaries.test.ts runs it
 * on planted violations).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: split the shared part into its own module or package.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'subgraph-to-other-subgraph',
      severity: 'error',
      comment: 'A subgraph imports another subgraph: move what they share into a package.',
      from: { path: '^subgraphs/([^/]+)/' },
      to: { path: '^subgraphs/', pathNot: '^subgraphs/$1/' },
    },
    {
      name: 'gateway-to-subgraph',
      severity: 'error',
      comment: 'The gateway imports subgraph code: move what they share into a package.',
      from: { path: '^gateway/' },
      to: { path: '^subgraphs/' },
    },
    {
      name: 'package-to-service',
      severity: 'error',
      comment:
        'A package imports a service (a subgraph, the gateway, the simulator): packages are what services are built from.',
      from: { path: '^packages/' },
      to: { path: '^(subgraphs|gateway|simulator|scripts|tools|tests|bench)/' },
    },
    {
      name: 'ui-to-service',
      severity: 'error',
      comment:
        'The reference UI (its web app and BFF) imports a service: it reaches the gateway over HTTP only, and shares code through packages.',
      from: { path: '^ui/' },
      to: { path: '^(subgraphs|gateway|simulator|scripts|tools|tests|bench)/' },
    },
    {
      name: 'domain-depends-on-nothing',
      severity: 'error',
      comment: 'The domain model depends on no other package of ours.',
      from: { path: '^packages/domain/' },
      to: { path: '^(packages/(?!domain/)|subgraphs/|gateway/|simulator/)' },
    },
    {
      name: 'no-deep-import',
      severity: 'error',
      comment:
        "A relative import into another package's files: import the package by its name (its exports) instead.",
      from: {
        path: '^(packages/[^/]+|subgraphs/[^/]+|gateway|simulator|ui|clients|scripts|tools|tests|bench)/',
      },
      to: {
        path: '^(packages/[^/]+|subgraphs/[^/]+|gateway|simulator|ui|clients)/',
        // Its own files, and another package's entry (what its exports name; type-only
        // imports by package name are not always typed 'aliased-workspace').
        pathNot: [
          '^$1/',
          '^packages/[^/]+/src/index[.]ts$',
          '^packages/platform/src/services[.]ts$',
          '^subgraphs/[^/]+/src/subgraph[.]ts$',
          '^gateway/src/gateway[.]ts$',
          '^simulator/src/simulator[.]ts$',
          '^ui/server/bff[.]ts$',
          '^clients/src/index[.]ts$',
        ],
        dependencyTypesNot: ['aliased-workspace'],
      },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        "An import that does not resolve (a deep import outside a package's exports, or a typo).",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-in-package-json',
      severity: 'error',
      comment: 'A package imported by a workspace must be listed in its package.json.',
      from: { path: '^(packages|subgraphs|gateway|simulator|ui)/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|__generated__)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    combinedDependencies: false,
    enhancedResolveOptions: {
      // Resolve our packages to their sources, as the tests do.
      conditionNames: ['@hoi/source', 'import', 'require', 'node', 'default', 'types'],
      exportsFields: ['exports'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.json'],
      // Some dependencies are types only (@apollo/utils.fetcher).
      mainFields: ['module', 'main', 'types'],
    },
  },
};
