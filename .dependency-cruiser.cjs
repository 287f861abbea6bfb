/**
 * The arrows of the architecture (docs/architecture.md), checked by `npm run deps` inside `npm test`.
 * worker/src: routes → services → platform / schema; a capability uses another only through its
 * index.ts; only the registry (worker/src/routes.ts) imports routes; platform imports no capability.
 */
const CAP = '^worker/src/(access|admin|audit|auth|clients|funnel|home|imports|live|mail|onec|pay|reports|sync|telephony|timeline|widgets)/';
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means two modules cannot be understood (or loaded) one without the other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'capability-through-index',
      severity: 'error',
      comment: 'A capability uses another only through its public index.ts, never its internals.',
      from: { path: CAP },
      to: { path: CAP, pathNot: ['^worker/src/$1/', '^worker/src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'nothing-imports-routes',
      severity: 'error',
      comment: 'Routes are leaves: only the registry (worker/src/routes.ts) imports them, and only app.ts the registry.',
      from: { pathNot: '^worker/src/routes\\.ts$' },
      to: { path: '^worker/src/[^/]+/routes/' },
    },
    {
      name: 'registry-only-from-app',
      severity: 'error',
      from: { pathNot: '^worker/src/(app|routes)\\.ts$|^tests/' },
      to: { path: '^worker/src/routes\\.ts$' },
    },
    {
      name: 'platform-imports-no-capability',
      severity: 'error',
      comment: 'What every capability uses cannot depend on any of them.',
      from: { path: '^worker/src/platform/' },
      to: { path: '^worker/src/', pathNot: '^worker/src/platform/' },
    },
    {
      name: 'schema-imports-no-code',
      severity: 'error',
      comment: 'schema/ is shared by worker, extension and widgets: it imports none of them.',
      from: { path: '^schema/' },
      to: { path: '^(worker|extension|widgets|pages|scripts|tests)/' },
    },
    {
      name: 'browser-code-not-worker',
      severity: 'error',
      comment: "The extension, widgets and pages share schema/, never the worker's code.",
      from: { path: '^(extension|widgets|pages)/src/' },
      to: { path: '^worker/' },
    },
    {
      name: 'host-adapters-are-leaves',
      severity: 'error',
      comment: 'One file per host site: an adapter imports neither the registry that lists it nor the content script.',
      from: { path: '^extension/src/hosts/(?!index\\.ts$)' },
      to: { path: '^extension/src/(hosts/index\\.ts$|content/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
