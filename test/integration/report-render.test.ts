/**
 * passk report and passk plot on real run folders: a self-contained page (no scripts, no
 * external resources) with the charts inline, PNGs whose text is drawn (when fonts exist),
 * and the page loaded in headless Chromium without console errors (skipped without it, or
 * failing with PASSK_REQUIRE_ALL=1: test/support/required-tools.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fontStatus, rasterize } from '../../harness/report/render.js';
import { chromiumConsole, findChromium } from '../support/chromium.js';
import { passk } from '../support/cli.js';
import { skipWithoutTool } from '../support/required-tools.js';
import { writeSyntheticRun } from '../support/synthetic-run.js';

const tmp = mkdtempSync(join(tmpdir(), 'passk-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const arch = { layers: 12, d_model: 768, n_heads: 12, d_ff: 3072, mlp: 'plain', vocab_size: 50257, tied_embeddings: true };

function outcomes(problems: number, n: number, rate: (t: number) => number, salt: number): Array<Array<boolean | string>> {
  return Array.from({ length: problems }, (_, t) =>
    Array.from({ length: n }, (_, i) => (((t * 31 + i * 17 + salt) % 100) / 100 < rate(t) ? true : i % 7 === 0 ? 'timeout' : 'failed')),
  );
}

describe('passk report and plot', () => {
  let runA: string;
  let runB: string;
  beforeAll(() => {
    runA = join(tmp, 'a');
    runB = join(tmp, 'b');
    writeSyntheticRun({
      dir: runA,
      groups: [
        {
          model: 'alpha',
          config: 'hot',
          outcomes: outcomes(24, 20, (t) => (t % 5) / 5, 1),
          promptTokens: 60,
          completionTokens: (t, i) => 100 + ((t * i) % 50),
        },
        {
          model: 'alpha',
          config: 'cold',
          outcomes: outcomes(24, 20, (t) => (t % 3) / 3, 2),
          promptTokens: 60,
          completionTokens: (t, i) => 90 + ((t + i) % 30),
        },
      ],
      models: [{ name: 'alpha', format: 'editseq', architecture: arch, simulated: true }],
    });
    writeSyntheticRun({
      dir: runB,
      groups: [{ model: 'beta', config: 'hot', outcomes: outcomes(24, 20, (t) => (t % 4) / 6, 3), promptTokens: 60, completionTokens: 70 }],
      models: [
        { name: 'beta', format: 'completion', hf_config: { model_type: 'gpt2', n_layer: 12, n_embd: 768, n_head: 12, vocab_size: 50257 } },
      ],
    });
  });

  it('writes one self-contained page with charts, envelope, heatmap, verdicts, tokens and provenance', async () => {
    const out = join(tmp, 'report.html');
    const res = await passk(['report', runA, runB, '--out', out, '--bootstrap', '200']);
    expect(res.exitCode, res.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(4);
    for (const text of [
      'pass@k against test-time FLOPs',
      'per-problem solve rate',
      'alpha: best of 2 configs per k (chosen on the test set)',
      'Simulated models.',
      'data sha256',
      'timeout %',
      'Tokens per sample',
      'hf_config (gpt2)',
      'fit C: zero-inflated beta-binomial',
      'best-config envelope: pass@k against FLOPs',
      // What the samples are (every synthetic program is "x", an undefined name).
      'diversity: expected distinct per problem in k samples',
      'E0602',
      'GPU-seconds per sample',
      'compute-optimal pass@k by budget (flops)',
      'backtest of fit C from n/10',
      'solve-rate distribution: problems per c/n bin',
      'alone solves',
    ]) {
      expect(html).toContain(text);
    }
    // The heatmap's axis lists every problem.
    expect(html).toContain('T/23');
  });

  it('plots SVG and PNG', async () => {
    const svg = join(tmp, 'plot.svg');
    const png = join(tmp, 'plot.png');
    const a = await passk(['plot', runA, runB, '--out', svg, '--bootstrap', '200']);
    expect(a.exitCode, a.stderr).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('total test-time FLOPs F(k) (log scale)');
    expect(text).toContain('k (samples per problem, log scale)');
    const b = await passk(['plot', runB, '--out', png, '--bootstrap', '200', '--chart', 'flops']);
    expect(b.exitCode, b.stderr).toBe(0);
    expect(readFileSync(png).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const bad = await passk(['plot', runB, '--out', join(tmp, 'plot.jpg')]);
    expect(bad.exitCode).toBe(3);
    expect(bad.stderr).toMatch(/--out must end in \.svg or \.png/);
  });

  it('draws text in PNGs (a font is installed)', (ctx) => {
    const fonts = fontStatus();
    if (!fonts.available) skipWithoutTool(ctx, 'font', fonts.detail);
    const dark = (svg: string) => {
      const img = rasterize(svg, 1);
      let n = 0;
      for (let i = 0; i < img.pixels.length; i += 4) if (img.pixels[i]! < 128) n++;
      return n;
    };
    const withText =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="30" font-family="DejaVu Sans, sans-serif" font-size="24">pass@k 10%</text></svg>';
    const empty = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"></svg>';
    expect(dark(empty)).toBe(0);
    expect(dark(withText)).toBeGreaterThan(100);
  });

  it('renders in headless Chromium with no console errors', async (ctx) => {
    const chromium = findChromium() ?? skipWithoutTool(ctx, 'chromium', 'no chromium, chromium-browser or google-chrome on PATH');
    const out = join(tmp, 'report-chromium.html');
    const res = await passk(['report', runA, runB, '--out', out, '--bootstrap', '200']);
    expect(res.exitCode, res.stderr).toBe(0);
    // The check itself can fail: a page with a planted console error is caught.
    const control = join(tmp, 'control.html');
    writeFileSync(control, '<html><body><script>console.error("planted")</script></body></html>');
    expect(chromiumConsole(chromium, control).console.join('\n')).toContain('planted');
    const page = chromiumConsole(chromium, out);
    expect(page.console).toEqual([]);
    expect(page.dom).toContain('<svg');
    expect(page.dom).toContain('Provenance');
    expect(execFileSync(chromium, ['--version'], { encoding: 'utf8' })).toMatch(/Chromium/);
  });
});
