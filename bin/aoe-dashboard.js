#!/usr/bin/env node
// Entry of the `aoe-dashboard` command. The CLI is written in TypeScript and run through tsx,
// so `npx aoe-dashboard …` works right after `npm install`, without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/launcher/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
