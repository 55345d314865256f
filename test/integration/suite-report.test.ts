/**
 * passk report SUITE_FOLDER through the real CLI: one self-contained page with the suite
 * summary (benchmarks by models: pass@1, pass@k, n@k where the run has it, FLOPs), the
 * provenance of every run, then each benchmark's section as the single-run report has it;
 * it loads in headless Chromium without console errors.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumConsole, findChromium } from '../support/chromium.js';
import { passk } from '../support/cli.js';
import { skipWithoutTool } from '../support/required-tools.js';
import { writeSyntheticSuite } from '../support/synthetic-suite.js';

const tmp = mkdtempSync(join(tmpdir(), 'passk-suite-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const arch = { layers: 4, d_attn: 256, matmul_params: 10_000_000 };

function outcomes(problems: number, n: number, salt: number): boolean[][] {
  return Array.from({ length: problems }, (_, t) => Array.from({ length: n }, (_, i) => (t * 7 + i * 3 + salt) % 5 < 2));
}

describe('passk report SUITE', () => {
  let suite: string;
  let out: string;
  beforeAll(async () => {
    suite = writeSyntheticSuite(
      join(tmp, 'suite'),
      'nightly',
      ['humaneval', 'mbppplus', 'codecontests'].map((name, j) => ({
        name,
        benchmark: name,
        taskIds: Array.from({ length: 12 }, (_, t) => `${name}/${t}`),
        groups: [
          { model: 'tiny', config: 't0.8', outcomes: outcomes(12, 10, j), promptTokens: 40, completionTokens: 60 },
          { model: 'small', config: 't0.8', outcomes: outcomes(12, 10, j + 2), promptTokens: 40, completionTokens: 60 },
        ],
        models: [
          { name: 'tiny', format: 'completion', architecture: arch },
          { name: 'small', format: 'completion', architecture: arch },
        ],
      })),
    );
    // n@k as a stdin/stdout run's summary.json holds it (groups[].n_at_k by n then k).
    const file = join(suite, 'codecontests', 'summary.json');
    const summary = JSON.parse(readFileSync(file, 'utf8')) as { groups: Array<Record<string, unknown>> };
    summary.groups[0]!.n_at_k = {
      '1': { '10': { value: 0.25, standard_error: 0.03, methods: ['exact'] } },
      '10': { '10': { value: 0.4167, standard_error: 0, methods: ['exact'] } },
    };
    writeFileSync(file, JSON.stringify(summary, null, 2));
    out = join(tmp, 'report.html');
    const res = await passk(['report', suite, '--out', out, '--bootstrap', '200']);
    expect(res.exitCode, res.stderr).toBe(0);
  });

  it('one page: the summary table, every run, then each benchmark as the single-run report has it', () => {
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<title>passk suite report: nightly</title>');
    const summary = html.slice(html.indexOf('<h2>Summary</h2>'), html.indexOf('<h2>Runs</h2>'));
    for (const name of ['humaneval', 'mbppplus', 'codecontests']) {
      expect(summary).toContain(`<a href="#benchmark-${name}">${name}</a>`);
      expect(html).toContain(`<h2 class="benchmark" id="benchmark-${name}">${name}</h2>`);
    }
    // Benchmarks by models: 3 x 2 rows; pass@k at the largest k (10); FLOPs from the architecture.
    expect(summary.match(/<tr><td><a href/g)).toHaveLength(6);
    expect(summary).toContain('(k=10)');
    expect(summary).toMatch(/\d\.\d\de\+\d+/);
    // n@k where the summary has it, an em dash elsewhere.
    expect(summary).toContain('1@10 25.0 ± 3.0; 10@10 41.7 ± 0.0');
    expect(summary.match(/<td>—<\/td>/g)).toHaveLength(5);
    // Each benchmark's section holds the single-run report's parts, one heading level down.
    expect(html.match(/<h3>pass@k against test-time FLOPs<\/h3>/g)).toHaveLength(3);
    expect(html.match(/<h3>Provenance<\/h3>/g)).toHaveLength(3);
    expect(html).toContain(`run folder (under ${suite})`);
  });

  it('renders in headless Chromium with no console errors', (ctx) => {
    const chromium = findChromium() ?? skipWithoutTool(ctx, 'chromium', 'no chromium, chromium-browser or google-chrome on PATH');
    const control = join(tmp, 'control.html');
    writeFileSync(control, '<html><body><script>console.error("planted")</script></body></html>');
    expect(chromiumConsole(chromium, control).console.join('\n')).toContain('planted');
    const page = chromiumConsole(chromium, out);
    expect(page.console).toEqual([]);
    expect(page.dom).toContain('passk suite report: nightly');
    expect(page.dom).toContain('id="benchmark-codecontests"');
  });
});
