#!/usr/bin/env node
// Thin launcher: registers tsx's loader and runs the TypeScript CLI in this process, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../harness/cli/main.ts');
