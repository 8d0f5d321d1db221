#!/usr/bin/env node
import module from 'node:module';

// Node's on-disk compile cache (https://nodejs.org/api/module.html#moduleenablecompilecacheoptions) spares a
// scripted `sso-wizard decode` or `check` the parsing of its modules on every run. It must be on before they
// load, hence the dynamic import below. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache?.();
const { runCli } = await import('./run-cli.js');

process.exitCode = await runCli(process.argv.slice(2));
