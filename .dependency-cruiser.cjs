/**
 * The house's floors and walls, held by dependency-cruiser (run by `npm test`; test/architecture.test.ts shows
 * that every rule fires on a planted violation). The picture in README's "How it is built" is this file:
 *
 *   main/doors/     how requests arrive: electron, http (browser mode), cli, launcher
 *      ↓
 *   main/app/       the only code that knows the contract and profiles: core, handlers, state, overview, report
 *      ↓
 *   main/domains/   the engines: certs, saml, adfs, signin (each stands alone)
 *      ↓
 *   main/platform/  files, folders, processes: no domain words
 *
 * shared/ runs anywhere (no Node, no Electron); renderer/ talks to the core only through shared/'s contract.
 */
const nodeCore = { dependencyTypes: ['core'] };

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'A cycle makes every file in it depend on all the others.', from: {}, to: { circular: true } },
    { name: 'platform-stays-down', severity: 'error', comment: 'platform/ knows no domain, app or door.', from: { path: '^main/platform/' }, to: { path: '^main/(domains|app|doors)/' } },
    { name: 'domains-never-climb', severity: 'error', comment: 'An engine takes what it needs as arguments; it never reaches into the app or a door.', from: { path: '^main/domains/' }, to: { path: '^main/(app|doors)/' } },
    { name: 'domains-stand-alone', severity: 'error', comment: 'One engine never imports another: the app composes them.', from: { path: '^main/domains/([^/]+)/' }, to: { path: '^main/domains/', pathNot: '^main/domains/$1/' } },
    { name: 'app-never-climbs', severity: 'error', comment: 'The app is handed its doors\' needs (keychain, opener, printer) when the core is created.', from: { path: '^main/app/' }, to: { path: '^main/doors/' } },
    { name: 'only-main-is-main', severity: 'error', comment: 'main/ files outside the four floors have no place.', from: { path: '^main/', pathNot: '^main/(doors|app|domains|platform)/' }, to: {} },
    { name: 'only-the-electron-door-imports-electron', severity: 'error', comment: 'The core runs under plain Node: only main/doors/electron/ imports electron.', from: { pathNot: '^main/doors/electron/' }, to: { path: '^electron$|(^|/)node_modules/electron/' } },
    { name: 'shared-runs-anywhere', severity: 'error', comment: 'shared/ runs in Node, Electron and the browser alike.', from: { path: '^shared/' }, to: { path: '^(main|renderer)/|^electron$|(^|/)node_modules/electron/' } },
    { name: 'shared-no-node', severity: 'error', comment: 'shared/ imports no Node built-in.', from: { path: '^shared/' }, to: nodeCore },
    { name: 'renderer-only-through-the-contract', severity: 'error', comment: 'The renderer talks to the core only through shared/\'s contract.', from: { path: '^renderer/' }, to: { path: '^main/|^electron$|(^|/)node_modules/electron/' } },
    { name: 'renderer-no-node', severity: 'error', comment: 'The renderer runs in a sandboxed page: no Node built-ins.', from: { path: '^renderer/' }, to: nodeCore },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|test-results)/' },
    tsPreCompilationDeps: true,
    // Absolute, so the same rules can cruise the planted violations under test/fixtures/architecture-plant.
    tsConfig: { fileName: `${__dirname}/tsconfig.depcruise.json` },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.svelte', '.mjs', '.cjs'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
