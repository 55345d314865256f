/**
 * passk demo --benchmark codecontests through the real CLI, at a small n: the simulated model's
 * samples are judged in the sandbox, summary.json holds n@k beside pass@k (oracle-labelled), the
 * report draws both curves and loads in headless Chromium without console errors (skipped
 * without Chromium, failing with PASSK_REQUIRE_ALL=1), `passk fit` fits 1@k and 10@k against the
 * pass@k analysis's FLOPs, and `passk compare` of two seeds shows n@k beside its outcome. The
 * full-size run (n = 1,000 on 20 problems) is `npm run bench -- codecontests-selection`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumConsole, findChromium } from '../support/chromium.js';
import { passk } from '../support/cli.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';
import { skipWithoutTool } from '../support/required-tools.js';

const DATA = 'codecontests_test.jsonl.gz';

interface SummaryJson {
  ks: number[];
  groups: Array<{
    model: string;
    tasks: Record<string, { n: number; c: number }>;
    pass_at_k: Record<string, { value: number | null }>;
    n_at_k: Record<string, Record<string, { value: number; standard_error: number; methods: string[] }>>;
    public_pass_share: number;
    false_public_pass_share: number;
  }>;
  cluster_inputs: { source: string; label: string };
}

describe.skipIf(skipWithoutDatasets(DATA))('passk demo --benchmark codecontests', () => {
  const out = mkdtempSync(join(tmpdir(), 'passk-cc-demo-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  let result: Awaited<ReturnType<typeof passk>>;
  const demo = (seed: number, dir: string) =>
    passk([
      'demo',
      '--benchmark',
      'codecontests',
      '--data',
      datasetPath(DATA),
      '--n',
      '12',
      '--problems',
      '3',
      '--jobs',
      '2',
      '--bootstrap',
      '200',
      '--seed',
      String(seed),
      '--out',
      dir,
      '--progress',
      'off',
    ]);

  beforeAll(async () => {
    result = await demo(0, out);
  }, 600_000);

  it('judges the samples and writes n@k beside pass@k into summary.json', () => {
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('SIMULATED');
    expect(result.stdout).toContain('oracle-input upper bound');
    const summary = JSON.parse(readFileSync(join(out, 'run', 'summary.json'), 'utf8')) as SummaryJson;
    expect(summary.ks).toEqual([1, 2, 5, 10, 12]);
    expect(summary.cluster_inputs.source).toBe('oracle');
    const g = summary.groups[0]!;
    expect(g.model).toBe('codecontests-sim');
    expect(Object.values(g.tasks).map((t) => t.n)).toEqual([12, 12, 12]);
    for (const n of ['1', '10']) expect(Object.keys(g.n_at_k[n]!)).toEqual(['1', '2', '5', '10', '12']);
    // Selection never beats having every sample: n@k <= pass@k, and 1@1 = pass@1 (one sample, one submission).
    for (const k of summary.ks) {
      for (const n of ['1', '10']) expect(g.n_at_k[n]![String(k)]!.value).toBeLessThanOrEqual(g.pass_at_k[String(k)]!.value! + 1e-9);
    }
    expect(g.n_at_k['1']!['1']!.value).toBeCloseTo(g.pass_at_k['1']!.value!, 9);
    expect(g.public_pass_share).toBeGreaterThanOrEqual(g.false_public_pass_share);
  });

  it('draws pass@k and n@k in the report, which loads in headless Chromium without console errors', (ctx) => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h2>pass@k against test-time FLOPs</h2>');
    expect(html).toContain('<h2>n@k: selecting submissions (AlphaCode)</h2>');
    for (const curve of ['pass@k', '1@k', '10@k']) expect(html).toContain(`codecontests-sim / default: ${curve}`);
    expect(html).toContain('oracle-input upper bound');
    const chromium = findChromium() ?? skipWithoutTool(ctx, 'chromium', 'no chromium, chromium-browser or google-chrome on PATH');
    const page = chromiumConsole(chromium, join(out, 'report.html'));
    expect(page.console).toEqual([]);
    expect(page.dom).toContain('n@k: selecting submissions');
  });

  it('fits 1@k and 10@k against the FLOPs of the pass@k analysis (passk fit)', async () => {
    const run = join(out, 'run');
    const summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8')) as SummaryJson;
    const text = await passk(['fit', run, '--bootstrap', '200']);
    expect(text.exitCode, text.stderr).toBe(0);
    expect(text.stdout).toContain('n@k against FLOPs · codecontests-sim (simulated) · default');
    expect(text.stdout).toContain('oracle-input upper bound');
    expect(text.stdout).toMatch(/1@k fit A {2}= a \+ b log10 F\(k\): b = [+-]\d+\.\d points per 10x FLOPs/);
    const json = await passk(['fit', run, '--bootstrap', '200', '--json']);
    expect(json.exitCode, json.stderr).toBe(0);
    const analysis = JSON.parse(json.stdout) as {
      groups: Array<{ points: Array<{ k: number; flops: number }> }>;
      n_at_k_fits: Array<{
        cluster_inputs: { source: string };
        curves: Array<{
          n: number;
          points: Array<{ k: number; flops: number; value: number }>;
          fit_a: { slope_per_decade: number; intercept: number; reason: null };
        }>;
        fit_c: { reason: string };
      }>;
    };
    const fits = analysis.n_at_k_fits[0]!;
    expect(fits.cluster_inputs.source).toBe('oracle');
    expect(fits.curves.map((c) => c.n)).toEqual([1, 10]);
    expect(fits.fit_c.reason).toContain('not fitted');
    const flopsAt = new Map(analysis.groups[0]!.points.map((p) => [p.k, p.flops]));
    for (const curve of fits.curves) {
      // The points are the summary's n@k at the pass@k analysis's F(k).
      for (const p of curve.points) {
        expect(p.value).toBe(summary.groups[0]!.n_at_k[String(curve.n)]![String(p.k)]!.value);
        expect(p.flops).toBe(flopsAt.get(p.k));
      }
      // Fit A is least squares of n@k on log10 F(k), worked out here from the points.
      const xs = curve.points.map((p) => Math.log10(p.flops));
      const ys = curve.points.map((p) => p.value);
      const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
      const my = ys.reduce((a, b) => a + b, 0) / ys.length;
      const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
      expect(curve.fit_a.slope_per_decade).toBeCloseTo(slope, 9);
      expect(curve.fit_a.intercept).toBeCloseTo(my - slope * mx, 9);
    }
  });

  it('shows n@k of two runs beside the outcome of passk compare, not in it', async () => {
    const other = join(out, 'seed-1');
    const second = await demo(1, other);
    expect(second.exitCode, second.stderr).toBe(0);
    const [a, b] = [join(out, 'run'), join(other, 'run')];
    const summaries = [a, b].map((dir) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as SummaryJson);
    const md = await passk(['compare', a, b, '--k', '1', '10', '--bootstrap', '200']);
    expect(md.stderr).toBe('');
    expect(md.stdout).toContain('n@k (selecting submissions; reported beside the outcome, not part of it)');
    expect(md.stdout).toMatch(/\| 1@1 \| \d+\.\d \| \d+\.\d \| [+-]\d+\.\d \| \d+\.\d\d \|/);
    const json = await passk(['compare', a, b, '--k', '1', '10', '--bootstrap', '200', '--format', 'json']);
    const c = JSON.parse(json.stdout) as {
      decision: { exitCode: number };
      nAtK: {
        same_inputs: boolean;
        rows: Array<{ n: number; k: number; base: { value: number }; new: { value: number }; difference: number }>;
      };
    };
    // The exit code is the gate's alone.
    expect(json.exitCode).toBe(c.decision.exitCode);
    expect(md.exitCode).toBe(c.decision.exitCode);
    expect(c.nAtK.same_inputs).toBe(true);
    expect(c.nAtK.rows.map((r) => `${r.n}@${r.k}`)).toEqual(['1@1', '1@10', '10@1', '10@10']);
    for (const r of c.nAtK.rows) {
      expect(r.base.value).toBe(summaries[0]!.groups[0]!.n_at_k[String(r.n)]![String(r.k)]!.value);
      expect(r.new.value).toBe(summaries[1]!.groups[0]!.n_at_k[String(r.n)]![String(r.k)]!.value);
      expect(r.difference).toBeCloseTo(r.new.value - r.base.value, 12);
    }
  }, 600_000);
});
