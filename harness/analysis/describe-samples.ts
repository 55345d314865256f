/**
 * What the samples are, not only whether they pass: per (run, model, config) group its
 * diversity as functions of k, its static errors by code, its measured cost; and the
 * per-problem views across groups. Programs are normalized and linted here, once per
 * distinct program, by the LintSeq linters (Python: CPython's parser in the linter's warm
 * worker; JavaScript/TypeScript: the TypeScript parser, in-process); everything else is
 * the pure views'.
 */
import { lintJavaScript } from '../lintseq/linters/typescript.js';
import { PythonLinter } from '../lintseq/linters/python.js';
import { normalizeJavaScript } from '../lintseq/normalize-js.js';
import { groupSamples } from '../metrics/groups.js';
import type { RunData } from '../store/run-files.js';
import type { SampleRecord } from '../store/records.js';
import type { GroupComputation } from './group-analysis.js';
import { diversityView, DEFAULT_DIVERSITY, type DiversityOptions, type GroupDiversity } from './diversity-view.js';
import { DEFAULT_COSTS, measuredCost, type CostOptions, type MeasuredCost } from './measured-cost.js';
import { problemViews, type ProblemViews } from './problem-views.js';
import { staticErrors, type StaticErrors } from './static-errors.js';

const SAMPLE_VIEWS_SCHEMA = 'passk.sample-views/1';

interface GroupSampleViews {
  run: string;
  model: string;
  config: string;
  label: string;
  language: string;
  diversity: GroupDiversity;
  static_errors: StaticErrors;
  cost: MeasuredCost;
}

export interface SampleViews {
  schema: typeof SAMPLE_VIEWS_SCHEMA;
  groups: GroupSampleViews[];
  problems: ProblemViews;
}

interface ProgramFacts {
  normalized: string;
  codes: string[];
}

/** Normalizes and lints each distinct program once. */
async function programFacts(
  programs: ReadonlyMap<string, string>,
  onProgress?: (done: number, total: number) => void,
): Promise<Map<string, ProgramFacts>> {
  const out = new Map<string, ProgramFacts>();
  const byLanguage = new Map<string, string[]>();
  for (const [program, language] of programs) {
    let list = byLanguage.get(language);
    if (!list) byLanguage.set(language, (list = []));
    list.push(program);
  }
  const total = programs.size;
  for (const [language, list] of byLanguage) {
    if (language === 'javascript' || language === 'typescript') {
      for (const p of list) {
        out.set(`${language}\u0000${p}`, {
          normalized: normalizeJavaScript(p, language) ?? p,
          codes: lintJavaScript(p, language).map((i) => i.code),
        });
        if (out.size % 500 === 0) onProgress?.(out.size, total);
      }
      continue;
    }
    // Python (every other language is read as Python: the built-in suites are).
    const linter = new PythonLinter();
    try {
      const CHUNK = 256;
      for (let i = 0; i < list.length; i += CHUNK) {
        const chunk = list.slice(i, i + CHUNK);
        const facts = await Promise.all(
          chunk.map(async (p) => {
            const { issues, normalized } = await linter.describe(p);
            return { normalized: normalized ?? p, codes: issues.map((x) => x.code) };
          }),
        );
        chunk.forEach((p, j) => out.set(`${language}\u0000${p}`, facts[j]!));
        onProgress?.(out.size, total);
      }
    } finally {
      await linter.close();
    }
  }
  return out;
}

const costSample = (s: SampleRecord) => ({
  prompt_tokens: s.prompt_tokens,
  completion_tokens: s.completion_tokens,
  sample_ms: s.timings.sample_ms,
  request_samples: s.timings.request_samples,
});

/** The measured cost of each analysed group (aligned with `computations`), from its run's sample records. */
export function groupMeasuredCosts(
  runs: readonly RunData[],
  computations: readonly GroupComputation[],
  options: CostOptions,
): MeasuredCost[] {
  const byGroup = new Map<string, SampleRecord[]>();
  for (const run of runs)
    for (const s of run.samples) {
      const key = `${run.dir}\u0000${s.model}\u0000${s.config}`;
      let list = byGroup.get(key);
      if (!list) byGroup.set(key, (list = []));
      list.push(s);
    }
  return computations.map((c) =>
    measuredCost((byGroup.get(`${c.analysis.run}\u0000${c.analysis.model}\u0000${c.analysis.config}`) ?? []).map(costSample), options),
  );
}

export interface DescribeOptions {
  costs: CostOptions;
  diversity: DiversityOptions;
  onProgress?: (done: number, total: number) => void;
}

export async function describeSamples(
  runs: readonly RunData[],
  options: DescribeOptions = { costs: DEFAULT_COSTS, diversity: DEFAULT_DIVERSITY },
): Promise<SampleViews> {
  const programs = new Map<string, string>();
  for (const run of runs) for (const s of run.samples) programs.set(s.program, run.manifest.sandbox.language);
  const facts = await programFacts(programs, options.onProgress);
  const groups: GroupSampleViews[] = [];
  const perProblem: Array<{ label: string; model: string; per_problem: Array<{ task_id: string; n: number; c: number }> }> = [];
  for (const run of runs) {
    const language = run.manifest.sandbox.language;
    const simulated = new Set(run.manifest.models.filter((m) => m.simulated).map((m) => m.name));
    for (const g of groupSamples(run.samples)) {
      const fact = (program: string) => facts.get(`${language}\u0000${program}`)!;
      const label = `${g.model}${simulated.has(g.model) ? ' (simulated)' : ''} · ${g.config}`;
      groups.push({
        run: run.dir,
        model: g.model,
        config: g.config,
        label,
        language,
        diversity: diversityView(
          g.taskIds,
          g.perTask.map((list) =>
            list.map((s) => ({
              program: s.program,
              normalized: fact(s.program).normalized,
              behaviour: `${s.verdict}\u0000${s.detail ?? ''}`,
              passed: s.verdict === 'passed',
            })),
          ),
          options.diversity,
        ),
        static_errors: staticErrors(g.samples.map((s) => fact(s.program).codes)),
        cost: measuredCost(g.samples.map(costSample), options.costs),
      });
      perProblem.push({ label, model: g.model, per_problem: g.taskIds.map((id, i) => ({ task_id: id, ...g.counts[i]! })) });
    }
  }
  return { schema: SAMPLE_VIEWS_SCHEMA, groups, problems: problemViews(perProblem) };
}
