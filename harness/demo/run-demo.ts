/**
 * `passk demo`: the whole pipeline offline. Two seeded simulated samplers (an edit-sequence
 * model and a baseline) on the built-in suite; every distinct program runs in the real
 * Python sandbox through the evaluation pipeline; then the run folder is analysed and the
 * plots, the HTML report and a comparison are written beside it.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { DEFAULT_LIMITS } from '../../sandbox/executor.js';
import { createExecutor } from '../../sandbox/registry.js';
import { analyzeRuns, type Analysis } from '../analysis/analyze-runs.js';
import { DEFAULT_COMPARE } from '../analysis/compare-counts.js';
import { compareRuns } from '../analysis/compare-runs.js';
import { PasskError } from '../../kernel/errors.js';
import { DEFAULT_FLOPS_CONVENTION } from '../metrics/flops.js';
import { runEvaluation } from '../pipeline/evaluate.js';
import { compareMarkdown } from '../report/compare-markdown.js';
import { chartData } from '../report/chart-data.js';
import { fontStatus, specToSvg, svgToPng } from '../report/render.js';
import { reportHtml } from '../report/report-html.js';
import { flopsChartSpec, kChartSpec, stackSpecs } from '../report/chart-specs.js';
import { readManifest, readRun } from '../store/run-files.js';
import { MemoExecutor } from './memo-executor.js';
import { manifestEntry, SIMULATED_MODELS } from './simulated-models.js';
import { simulatedSamples } from './simulated-samples.js';

export interface DemoOptions {
  out: string;
  n: number;
  seed: number;
  jobs: number;
  bootstrap: number;
  timeoutMs: number;
  progress?: 'bar' | 'lines' | 'off';
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
async function clearPreviousDemo(runDir: string): Promise<void> {
  if (!existsSync(runDir)) return;
  if (!existsSync(join(runDir, 'manifest.json'))) throw new PasskError('E_CONFIG', 'exists and is not a passk demo run folder; choose another --out', runDir);
  const manifest = await readManifest(runDir);
  if (manifest.command !== 'demo') throw new PasskError('E_CONFIG', `holds a "${manifest.command}" run, not a demo run; choose another --out`, runDir);
  rmSync(runDir, { recursive: true, force: true });
}

export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  const log = o.log ?? (() => {});
  const bench = await loadBenchmark('builtin', {});
  const runDir = join(o.out, 'run');
  mkdirSync(o.out, { recursive: true });
  await clearPreviousDemo(runDir);

  const perModel = await Promise.all(SIMULATED_MODELS.map((m) => simulatedSamples(bench.tasks, m, { n: o.n, seed: o.seed })));
  const samples = perModel.flat();
  const tSimulated = performance.now();
  log(`simulated ${samples.length} samples (${SIMULATED_MODELS.map((m) => m.name).join(', ')}: ${bench.tasks.length} tasks x ${SIMULATED_MODELS[0]!.configs.length} configs x n=${o.n}); executing in the sandbox`);

  const limits = { ...DEFAULT_LIMITS, timeoutMs: o.timeoutMs };
  // The warm fork-server executor when this build has it (much cheaper per program), else one sandbox per program.
  const created = await createExecutor('python', { kind: 'forkserver', jobs: o.jobs, tasks: bench.tasks, limits }).catch(() =>
    createExecutor('python', { kind: 'subprocess', jobs: o.jobs, tasks: bench.tasks, limits }),
  );
  const executor = new MemoExecutor(created.executor);
  let sandbox = '';
  try {
    sandbox = (await executor.facts()).isolation;
    await runEvaluation({
      dir: runDir,
      identity: {
        command: 'demo',
        spec: { demo: 'simulated', n: o.n, seed: o.seed, models: SIMULATED_MODELS.map((m) => ({ name: m.name, configs: m.configs })), timeout_ms: o.timeoutMs },
        benchmark: { name: bench.name, data_path: bench.dataPath, data_sha256: bench.dataSha256, tasks: bench.tasks.length },
        samplesSource: null,
        models: SIMULATED_MODELS.map((m) => manifestEntry(m, o.seed)),
        seed: o.seed,
      },
      tasks: bench.tasks,
      samples,
      expectedSamples: samples.length,
      executor,
      limits,
      concurrency: Math.max(4, o.jobs * 4),
      bootstrap: { replicates: o.bootstrap, seed: o.seed, level: 0.95 },
      progress: o.progress ?? 'off',
    });
  } finally {
    await executor.close();
  }
  const tExecuted = performance.now();
  log(`executed ${executor.executed} distinct programs, reused ${executor.reused} verdicts (${((tExecuted - tSimulated) / 1000).toFixed(1)} s); analysing`);

  const run = await readRun(runDir);
  const boot = { replicates: o.bootstrap, seed: o.seed, level: 0.95 };
  const { analysis } = analyzeRuns([run], { convention: DEFAULT_FLOPS_CONVENTION, bootstrap: boot, extrapolate: 10 });
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
  writeFileSync(files.report, await reportHtml(analysis, { title: 'passk demo: simulated edit-sequence model vs baseline on the built-in suite' }));
  const [edit, base] = SIMULATED_MODELS;
  const config = edit!.configs[0]!.name;
  const comparison = compareRuns(run, run, { base: { model: base!.name, config }, new: { model: edit!.name, config } }, { ...DEFAULT_COMPARE, ks: [1, 10], replicates: o.bootstrap, seed: o.seed }, DEFAULT_FLOPS_CONVENTION);
  writeFileSync(files.compare, `${compareMarkdown(comparison)}\n`);
  log(`wrote plots, report and comparison in ${((performance.now() - tAnalysed) / 1000).toFixed(1)} s`);
  return { runDir, files, analysis, samples: samples.length, executed: executor.executed, reused: executor.reused, wallMs: performance.now() - started, sandbox };
}
