#!/usr/bin/env node
// Runs the CLI from the TypeScript sources of a checkout (tsx compiles on the fly).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src-main/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
