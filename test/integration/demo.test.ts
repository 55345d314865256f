/**
 * passk demo end to end: simulated samplers, real sandbox executions through the
 * evaluation pipeline, a valid run folder, plots and a report, everything labelled
 * simulated. Small n to stay quick; `npm run bench` times the default demo.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plantedRate } from '../../harness/demo/planted-rates.js';
import { SIMULATED_MODELS } from '../../harness/demo/simulated-models.js';
import { readRun } from '../../harness/store/run-files.js';
import { chromiumConsole, findChromium } from '../support/chromium.js';
import { passk } from '../support/cli.js';
import { skipWithoutTool } from '../support/required-tools.js';
import { writeSyntheticRun } from '../support/synthetic-run.js';

const tmp = mkdtempSync(join(tmpdir(), 'passk-demo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('passk demo', () => {
  it('runs the pipeline offline and writes a run folder, plots and a report, labelled simulated', async () => {
    const out = join(tmp, 'demo');
    const res = await passk(['demo', '--out', out, '--n', '8', '--bootstrap', '200'], { timeoutMs: 400_000 });
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/SIMULATED models/);
    expect(res.stdout).toContain(join(out, 'report.html'));
    for (const f of ['report.html', 'passk-vs-flops.svg', 'analysis.json', 'compare.md']) expect(existsSync(join(out, f)), f).toBe(true);

    const run = await readRun(join(out, 'run'));
    expect(run.manifest.command).toBe('demo');
    expect(run.manifest.status).toBe('complete');
    expect(run.manifest.models.every((m) => m.simulated === true && typeof m.architecture === 'object')).toBe(true);
    const groups = SIMULATED_MODELS.flatMap((m) => m.configs.map((c) => ({ model: m, config: c })));
    expect(run.samples.length).toBe(30 * groups.length * 8);

    const edit = run.samples.filter((s) => s.model === 'editseq-sim');
    const base = run.samples.filter((s) => s.model === 'baseline-sim');
    expect(edit.every((s) => s.format === 'editseq' && s.completion!.startsWith('@@ '))).toBe(true);
    expect(edit.filter((s) => s.completion!.endsWith('<|endoftext|>')).length).toBeGreaterThan(edit.length / 2);
    expect(base.every((s) => s.format === 'full')).toBe(true);
    // Distinct programs ran in the sandbox; repeats reused their verdicts.
    expect(run.samples.some((s) => s.cached)).toBe(true);
    expect(run.samples.some((s) => !s.cached)).toBe(true);
    const verdicts = new Set(run.samples.map((s) => s.verdict));
    for (const v of ['passed', 'failed', 'error', 'syntax_error']) expect(verdicts.has(v as 'passed'), v).toBe(true);
    // Edit sequences are longer than whole programs (diff headers, separators, end edits).
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(edit.map((s) => s.completion_tokens!))).toBeGreaterThan(1.1 * mean(base.map((s) => s.completion_tokens!)));
    expect(run.samples.every((s) => s.token_source === 'estimate' && s.prompt_tokens! > 0)).toBe(true);

    // The measured pass rates follow the planted ones.
    for (const { model, config } of groups) {
      const mine = run.samples.filter((s) => s.model === model.name && s.config === config.name);
      const observed = mine.filter((s) => s.verdict === 'passed').length / mine.length;
      const planted = mean(
        [...new Set(mine.map((s) => s.task_id))].map((id) => plantedRate(0, `${model.name}/${config.name}`, id, config.rates)),
      );
      expect(Math.abs(observed - planted), `${model.name} ${config.name}`).toBeLessThan(0.1);
    }

    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('Simulated models.');
    expect(html).toContain('editseq-sim (simulated)');
    expect(html).toContain('best of 2 configs per k (chosen on the test set)');
    // What the samples are: diversity, static errors (the mutants' syntax errors), measured
    // cost from the simulated latencies, the frontier and the problem views.
    for (const text of [
      '>Diversity</h2>',
      'diversity: expected distinct per problem in k samples',
      'per problem: diversity against what extra samples gained',
      '<h2>Static errors</h2>',
      'E0001',
      'pass@k against tokens per problem',
      'pass@k against dollars per problem',
      'compute-optimal pass@k by budget (flops)',
      'backtest of fit C from n/10',
      'solve-rate distribution: problems per c/n bin',
      'alone solves',
    ])
      expect(html, text).toContain(text);
    // Every sample knows its request's latency and size (the n choices of one request share it).
    expect(run.samples.every((s) => s.timings.sample_ms! > 0 && s.timings.request_samples === 8)).toBe(true);
  });

  it('its report renders in headless Chromium without console errors', (ctx) => {
    const chromium = findChromium() ?? skipWithoutTool(ctx, 'chromium', 'no chromium, chromium-browser or google-chrome on PATH');
    const page = chromiumConsole(chromium, join(tmp, 'demo', 'report.html'));
    expect(page.console).toEqual([]);
    expect(page.dom).toContain('Compute-optimal choice');
    expect(page.dom).toContain('<svg');
  });

  it('refuses to replace a folder that is not a demo run', async () => {
    const out = join(tmp, 'not-demo');
    writeSyntheticRun({ dir: join(out, 'run'), groups: [{ model: 'm', config: 'c', outcomes: [[true]] }] });
    const res = await passk(['demo', '--out', out]);
    expect(res.exitCode).toBe(3);
    expect(res.stderr).toMatch(/holds a "test" run, not a demo run; choose another --out/);
    expect(existsSync(join(out, 'run', 'samples.jsonl'))).toBe(true);
  });
});
