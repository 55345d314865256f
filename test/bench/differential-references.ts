/**
 * Differential benchmarks at speed, side by side in one run on the real ChatGPT MBPP+
 * completions (399 tasks, base + plus inputs, --jobs 2), each a `passk eval` process as a
 * user runs it:
 *  1. today: --reference-cache off, passk as it was before the cache (every reference
 *     computed, tasks in the file's order);
 *  2. cold: an empty cache folder (every reference computed and stored);
 *  3. warm: the same folder again (no reference computed, the slowest tasks first);
 *  4. --timeout-from-reference 4, cold (an empty folder of its own) and warm;
 *  5. --time-limit-per-input 4 (evalplus's rule), warm, against the warm default rule.
 * Prints each wall time, the ratios, and every verdict that differs from today's (the
 * default rule must change none). For each run also the bound: the programs' own time
 * (from their start to their verdict, as recorded) over the 2 jobs, which no schedule can
 * beat, and when the first program started (start-up: loading the benchmark and the
 * references, starting the workers). What is above the bound is start-up,
 * each program's own cost in the sandbox (a fork, its inputs and expected outputs, its
 * exit), and idle workers. PASSK_BENCH_QUICK=1 runs only 1-3.
 *
 * Changes that make every program cheaper make the `--reference-cache off` run faster too,
 * so it is today's way, not today's passk. PASSK_BENCH_BASELINE=DIR (a checkout of an
 * earlier passk with its node_modules, e.g. `git worktree add DIR <commit>` and a link to
 * node_modules) also runs that passk, today's way, first, and compares the warm run with it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { datasetPath } from '../support/datasets.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../bin/passk.js', import.meta.url));
const DATA = datasetPath('MbppPlus.jsonl.gz');
const SAMPLES = datasetPath('mbppplus_chatgpt_t0.jsonl.gz');
const JOBS = 2;

interface Outcome {
  label: string;
  seconds: number;
  verdicts: Map<string, string>;
  executeMs: number;
  /** Seconds from the start to the first program's start (its record's time less its own). */
  firstStart: number;
  cache: { loaded: number; stored: number } | null;
}

async function evaluate(label: string, root: string, flags: string[], cli = CLI): Promise<Outcome> {
  const out = join(root, label.replace(/\W+/g, '-'));
  const startedAt = Date.now();
  const started = performance.now();
  await run(
    process.execPath,
    [
      cli,
      'eval',
      '--benchmark',
      'mbppplus',
      '--data',
      DATA,
      '--samples',
      SAMPLES,
      '--jobs',
      String(JOBS),
      '--out',
      out,
      '--progress',
      'off',
      '--json',
      ...flags,
    ],
    { maxBuffer: 64 << 20 },
  );
  const seconds = (performance.now() - started) / 1000;
  const records = readFileSync(join(out, 'samples.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { task_id: string; verdict: string; timings: { execute_ms: number | null }; recorded_at: string });
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { reference_cache?: { loaded: number; stored: number } };
  const outcome: Outcome = {
    label,
    seconds,
    verdicts: new Map(records.map((r) => [r.task_id, r.verdict])),
    executeMs: records.reduce((sum, r) => sum + (r.timings.execute_ms ?? 0), 0),
    firstStart: (Math.min(...records.map((r) => Date.parse(r.recorded_at) - (r.timings.execute_ms ?? 0))) - startedAt) / 1000,
    cache: manifest.reference_cache ?? null,
  };
  const counts: Record<string, number> = {};
  for (const v of outcome.verdicts.values()) counts[v] = (counts[v] ?? 0) + 1;
  const cache = outcome.cache ? `references read ${outcome.cache.loaded}, computed and stored ${outcome.cache.stored}` : 'no cache';
  const bound = outcome.executeMs / 1000 / JOBS;
  console.log(
    `${label.padEnd(34)} ${seconds.toFixed(1).padStart(6)} s  (programs ran ${(outcome.executeMs / 1000).toFixed(1)} s in all: ` +
      `bound ${bound.toFixed(1)} s on ${JOBS} jobs, wall ${(seconds / bound).toFixed(2)}x the bound; first program started after ` +
      `${outcome.firstStart.toFixed(1)} s; ${cache}; load average ${loadavg()[0]!.toFixed(1)})  ${JSON.stringify(counts)}`,
  );
  return outcome;
}

function differences(a: Outcome, b: Outcome): string {
  const differ = [...a.verdicts]
    .filter(([task, v]) => b.verdicts.get(task) !== v)
    .map(([task, v]) => `${task} ${v} -> ${b.verdicts.get(task)}`);
  return differ.length === 0 ? `verdicts identical (${a.verdicts.size})` : `${differ.length} verdicts differ: ${differ.join(', ')}`;
}

const ratio = (slow: Outcome, fast: Outcome) => `${(slow.seconds / fast.seconds).toFixed(2)}x`;

export async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'passk-bench-references-'));
  try {
    const cache = join(root, 'cache');
    const baselineDir = process.env.PASSK_BENCH_BASELINE;
    const baseline = baselineDir
      ? await evaluate(
          'earlier passk (PASSK_BENCH_BASELINE), cache off',
          root,
          ['--reference-cache', 'off'],
          join(baselineDir, 'bin', 'passk.js'),
        )
      : null;
    const today = await evaluate('today (--reference-cache off)', root, ['--reference-cache', 'off']);
    const cold = await evaluate('cold cache', root, ['--reference-cache', cache]);
    const warm = await evaluate('warm cache', root, ['--reference-cache', cache]);
    console.log(`cold / today: ${(cold.seconds / today.seconds).toFixed(2)} of today's time; ${differences(today, cold)}`);
    console.log(`warm: ${ratio(today, warm)} faster than today (the issue asks 2x); ${differences(today, warm)}`);
    if (baseline) {
      console.log(`warm against the earlier passk: ${ratio(baseline, warm)} faster; ${differences(baseline, warm)}`);
      console.log(`today's way against the earlier passk: ${ratio(baseline, today)} faster`);
    }
    if (process.env.PASSK_BENCH_QUICK === '1') return;

    const scaled = ['--timeout-from-reference', '4'];
    const scaledCold = await evaluate('--timeout-from-reference 4, cold', root, [
      ...scaled,
      '--reference-cache',
      join(root, 'cache-scaled'),
    ]);
    const scaledWarm = await evaluate('--timeout-from-reference 4, warm', root, [...scaled, '--reference-cache', cache]);
    console.log(
      `--timeout-from-reference 4 against the default: cold ${ratio(cold, scaledCold)}, warm ${ratio(warm, scaledWarm)} (above 1: faster)`,
    );
    console.log(`  ${differences(today, scaledWarm)}`);

    const perInput = await evaluate('--time-limit-per-input 4, warm', root, ['--time-limit-per-input', '4', '--reference-cache', cache]);
    console.log(`per-input rule against the whole-program rule (both warm): ${ratio(warm, perInput)} (above 1: faster)`);
    console.log(`  ${differences(warm, perInput)}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
