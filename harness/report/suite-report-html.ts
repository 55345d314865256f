/**
 * The suite report: one self-contained page with the suite summary table (benchmarks by
 * models), the provenance of every run, then each benchmark's section exactly as the
 * single-run report has it (report-html.ts reportSections, its headings one level down).
 * Everything is computed before; this module only lays it out.
 */
import type { Analysis } from '../analysis/analyze-runs.js';
import type { SuiteManifest } from '../store/suite-manifest.js';
import { PASSK_VERSION } from '../version.js';
import { esc, table } from './html-util.js';
import { htmlPage, reportSections, type ReportOptions } from './report-html.js';
import { sectionId, suiteSummaryTable, type SuiteSummaryPart } from './suite-summary-table.js';

export interface SuiteReportPart extends SuiteSummaryPart {
  /** Null when the benchmark's folder has no samples yet. */
  analysis: Analysis | null;
  options: ReportOptions;
}

/** Each run folder of the suite: where, its status, what it ran on and when. */
function suiteProvenance(manifest: SuiteManifest, dir: string, parts: readonly SuiteReportPart[]): string {
  return table(
    ['benchmark', `run folder (under ${dir})`, 'status', 'samples', 'data', 'data sha256', 'passk version', 'started / ended'],
    manifest.benchmarks.map((b) => {
      const run = parts.find((p) => p.name === b.name)?.analysis?.runs[0];
      return [
        { html: `<a href="#${sectionId(b.name)}">${esc(b.name)}</a>` },
        b.folder,
        run?.status ?? b.status,
        b.samples ?? '-',
        run ? (run.data_path ?? '(built in)') : '-',
        run?.data_sha256 ? `${run.data_sha256.slice(0, 16)}...` : '-',
        run?.passk_version ?? '-',
        run ? `${run.started_at} / ${run.ended_at ?? '-'}` : '-',
      ];
    }),
  );
}

/** A single-run report's sections under a benchmark's heading: h2 becomes h3. */
const nested = (html: string): string => html.replace(/<(\/?)h2>/g, '<$1h3>');

export async function suiteReportHtml(
  manifest: SuiteManifest,
  dir: string,
  parts: readonly SuiteReportPart[],
  options: { title?: string; generatedAt?: string } = {},
): Promise<string> {
  const sections: string[] = [];
  for (const p of parts) {
    const body = p.analysis ? nested(await reportSections(p.analysis, p.options)) : '<p class="reason">No samples recorded yet.</p>';
    sections.push(
      `<h2 class="benchmark" id="${sectionId(p.name)}">${esc(p.name)}${p.name === p.benchmark ? '' : ` (${esc(p.benchmark)})`}</h2>\n${body}`,
    );
  }
  const title = options.title ?? `passk suite report: ${manifest.name}`;
  return htmlPage(
    title,
    `<div class="meta">generated ${esc(options.generatedAt ?? new Date().toISOString())} by passk ${esc(PASSK_VERSION)} · suite <code>${esc(manifest.name)}</code> (${esc(dir)}, ${esc(manifest.status)}) · ${parts.length} benchmarks</div>
<h2>Summary</h2>
${suiteSummaryTable(parts)}
<h2>Runs</h2>
${suiteProvenance(manifest, dir, parts)}
${sections.join('\n')}`,
  );
}
