/**
 * `passk demo`: the whole pipeline offline. Two seeded simulated samplers (an edit-sequence
 * model and a baseline) on the built-in suite, run by the one runner (demo-run.ts); every
 * distinct program runs in the real Python sandbox, identical ones reuse the verdict
 * through the execution cache; then the run folder is analysed and the plots, the HTML
 * report and a comparison are written beside it.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PasskError } from '../../kernel/errors.js';
import { analyzeRuns, type Analysis } from '../analysis/analyze-runs.js';
import { reportViews } from '../analysis/report-views.js';
import { DEFAULT_COMPARE } from '../analysis/compare-counts.js';
import { compareRuns } from '../analysis/compare-runs.js';
import { DEFAULT_FLOPS_CONVENTION } from '../metrics/flops.js';
import { compareMarkdown } from '../report/compare-markdown.js';
import { chartData } from '../report/chart-data.js';
import { flopsChartSpec, kChartSpec, stackSpecs } from '../report/chart-specs.js';
import { fontStatus, specToSvg, svgToPng } from '../report/render.js';
import { reportHtml } from '../report/report-html.js';
import type { RunEventListener } from '../run/events.js';
import { summaryBootstrap } from '../run/run-description.js';
import { executeRun } from '../run/runner.js';
import { readManifest, readRun } from '../store/run-files.js';
import { demoRun } from './demo-run.js';
import { SIMULATED_MODELS } from './simulated-models.js';

/** The demo report's nominal GPU-hour price (its latencies are simulated too). */
const DEMO_GPU_HOUR_PRICE = 2;

export interface DemoOptions {
  out: string;
  n: number;
  seed: number;
  jobs: number;
  bootstrap: number;
  timeoutMs: number;
  /** The run's events (progress, warnings), for the CLI to show. */
  onEvent?: RunEventListener;
  /** The demo's phases, one line each. */
  log?: (line: string) => void;
}

export interface DemoResult {
  runDir: string;
  files: { report: string; svg: string; png: string | null; analysis: string; compare: string };
  analysis: Analysis;
  samples: number;
  executed: number;
  reused: number;
  wallMs: number;
  sandbox: string;
}

/** A previous demo run is replaced; any other folder there is refused, never deleted. */
export async function clearPreviousDemo(runDir: string): Promise<void> {
  if (!existsSync(runDir)) return;
  if (!existsSync(join(runDir, 'manifest.json')))
    throw new PasskError('E_CONFIG', 'exists and is not a passk demo run folder; choose another --out', runDir);
  const manifest = await readManifest(runDir);
  if (manifest.command !== 'demo')
    throw new PasskError('E_CONFIG', `holds a "${manifest.command}" run, not a demo run; choose another --out`, runDir);
  rmSync(runDir, { recursive: true, force: true });
}

export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  const log = o.log ?? (() => {});
  const runDir = join(o.out, 'run');
  mkdirSync(o.out, { recursive: true });
  await clearPreviousDemo(runDir);

  const description = await demoRun({ dir: runDir, n: o.n, seed: o.seed, jobs: o.jobs, bootstrap: o.bootstrap, timeoutMs: o.timeoutMs });
  log(
    `${SIMULATED_MODELS.map((m) => m.name).join(', ')}: ${description.tasks.length} tasks x ${description.configs.length} configs x n=${o.n}, simulated and executed in the sandbox`,
  );
  const { result } = await executeRun(description, { ...(o.onEvent ? { onEvent: o.onEvent } : {}) });
  if (!result) throw new Error('the demo run returned no result');
  const sandbox = result.manifest.sandbox.isolation;
  const tExecuted = performance.now();
  const run = await readRun(runDir);
  const records = run.samples;
  const reused = records.filter((r) => r.cached).length;
  // Outputs that never became a program (an empty one, an edit sequence that does not apply) ran nothing.
  const executed = records.filter((r) => !r.cached && r.verdict !== 'empty' && r.verdict !== 'malformed_edit').length;
  log(`executed ${executed} distinct programs, reused ${reused} verdicts (${((tExecuted - started) / 1000).toFixed(1)} s); analysing`);

  const { analysis, computations } = analyzeRuns([run], {
    convention: DEFAULT_FLOPS_CONVENTION,
    bootstrap: summaryBootstrap(description),
    extrapolate: 10,
  });
  const tAnalysed = performance.now();
  log(`analysed in ${((tAnalysed - tExecuted) / 1000).toFixed(1)} s (bootstrap B=${o.bootstrap}); writing plots and the report`);
  const files = {
    report: join(o.out, 'report.html'),
    svg: join(o.out, 'passk-vs-flops.svg'),
    png: join(o.out, 'passk-vs-flops.png') as string | null,
    analysis: join(o.out, 'analysis.json'),
    compare: join(o.out, 'compare.md'),
  };
  writeFileSync(files.analysis, `${JSON.stringify(analysis, null, 2)}\n`);
  const data = chartData(analysis);
  const svg = await specToSvg(stackSpecs([flopsChartSpec(data), kChartSpec(data)]));
  writeFileSync(files.svg, svg);
  if (fontStatus().available) writeFileSync(files.png!, svgToPng(svg));
  else files.png = null;
  writeFileSync(
    files.report,
    await reportHtml(analysis, {
      title: 'passk demo: simulated edit-sequence model vs baseline on the built-in suite',
      // Simulated latency (simulated-sampler.ts), priced at a nominal $2 per GPU-hour.
      views: await reportViews([run], computations, { gpus: 1, gpuHourPrice: DEMO_GPU_HOUR_PRICE }),
    }),
  );
  const [edit, base] = SIMULATED_MODELS;
  const config = edit!.configs[0]!.name;
  const comparison = compareRuns(
    run,
    run,
    { base: { model: base!.name, config }, new: { model: edit!.name, config } },
    { ...DEFAULT_COMPARE, ks: [1, 10], replicates: o.bootstrap, seed: o.seed },
    DEFAULT_FLOPS_CONVENTION,
  );
  writeFileSync(files.compare, `${compareMarkdown(comparison)}\n`);
  log(`wrote plots, report and comparison in ${((performance.now() - tAnalysed) / 1000).toFixed(1)} s`);
  return { runDir, files, analysis, samples: records.length, executed, reused, wallMs: performance.now() - started, sandbox };
}
