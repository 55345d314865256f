/**
 * npm run bench: runs every benchmark in this folder (each exports `main()`), or those
 * named on the command line (`npm run bench -- lintseq js-executor`). Benchmarks print
 * figures and ratios taken side by side in the same run; they assert nothing.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => basename(f, '.ts'))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

if (benches.length === 0) {
  process.stderr.write(`no benchmark matches ${wanted.join(', ')}\n`);
  process.exit(2);
}
for (const name of benches) {
  process.stdout.write(`\n=== bench: ${name} ===\n`);
  const mod = (await import(`./${name}.ts`)) as { main?: () => Promise<void> };
  if (typeof mod.main !== 'function') {
    process.stderr.write(`bench ${name} exports no main()\n`);
    process.exitCode = 2;
    continue;
  }
  const started = Date.now();
  await mod.main();
  process.stdout.write(`=== ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s ===\n`);
}
