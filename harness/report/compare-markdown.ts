/**
 * The markdown `passk compare` prints, ready for a pull-request comment or a CI job
 * summary: the outcome first, then the table, then the rule that drew it. Pure.
 */
import type { RunComparison } from '../analysis/compare-runs.js';
import type { KDecision } from '../analysis/decision.js';

export const pp = (x: number): string => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;
export const pct = (x: number): string => (100 * x).toFixed(1);
export const level = (a: number): string => `${+(100 * (1 - a)).toFixed(2)}%`;

const HEADLINE = {
  regression: () => '## :x: Regression: the new run is significantly worse',
  'non-inferior': (m: number) => `## :white_check_mark: Non-inferior: the new run is at most ${pct(m)} points worse`,
  inconclusive: () => '## :grey_question: Inconclusive: neither a regression nor non-inferiority is shown',
} as const;

function regressedAt(c: RunComparison): string {
  return c.decision.perK
    .flatMap((p, i) => (p.verdict === 'regression' ? [`pass@${p.k} (${pp(c.results[i]!.meanDifference)} points)`] : []))
    .join(', ');
}

function outcomeLine(c: RunComparison): string {
  const o = c.options;
  const undecided = c.decision.perK.filter((p) => !p.nonInferiority.decidable).map((p) => `k = ${p.k}`);
  const notDecidable = undecided.length
    ? ` (${undecided.join(', ')}: cannot be shown non-inferior at this n, its bound is wider than the margin)`
    : '';
  if (c.decision.overall === 'regression') return `Worse at ${regressedAt(c)}: the upper bound of the difference is below 0.`;
  if (c.decision.overall === 'non-inferior')
    return `The lower bound of the difference is above -${pct(o.margin)} points at every k that can show it${notDecidable}.`;
  const toDecide = c.samplesToDecide;
  const more =
    toDecide === null
      ? ''
      : toDecide.samples === null
        ? ` Even ${toDecide.cap} samples per problem in each run would likely not decide it.`
        : ` About **${toDecide.samples} samples per problem** in each run would decide it (80% power at the observed difference).`;
  return `No upper bound is below 0 and not every lower bound is above -${pct(o.margin)} points${notDecidable}.${more}`;
}

function row(c: RunComparison, d: KDecision, i: number): string {
  const r = c.results[i]!;
  const ni = d.nonInferiority;
  const lower = `${pp(ni.lowerBound)} (${level(ni.level)})${ni.decidable ? '' : ' not decidable'}`;
  const upper = `${pp(d.regression.upperBound)} (${level(d.regression.level)})`;
  return `| ${r.k} | ${pct(r.base)} | ${pct(r.new)} | ${pp(r.meanDifference)} | ${pct(r.standardError)} | ${lower} | ${upper} | ${pct(d.minimumDetectableDrop)} | ${d.verdict} |`;
}

/** n@k beside the outcome: a table of base, new and difference, and what it rests on. */
function nAtKLines(x: NonNullable<RunComparison['nAtK']>): string[] {
  if (x.reason !== null) return [`n@k: not compared (${x.reason}).`];
  const se = (e: number) => (e > 0 ? ` ± ${(100 * e).toFixed(2)}` : '');
  const clustered =
    x.cluster_inputs.base === x.cluster_inputs.new ? x.cluster_inputs.base : `base: ${x.cluster_inputs.base}; new: ${x.cluster_inputs.new}`;
  return [
    `n@k (selecting submissions; reported beside the outcome, not part of it). Clustered on: ${clustered}.${x.same_inputs ? '' : ' **The runs were clustered on different inputs.**'}`,
    '',
    '| n@k | base % | new % | difference (points) | Monte-Carlo standard error (points) |',
    '|---|---|---|---|---|',
    ...x.rows.map(
      (r) =>
        `| ${r.n}@${r.k} | ${pct(r.base.value)}${se(r.base.standard_error)} | ${pct(r.new.value)}${se(r.new.standard_error)} | ${pp(r.difference)} | ${(100 * r.standard_error).toFixed(2)} |`,
    ),
    '',
    "<sub>n@k is a mean over problems; its standard error is the Monte-Carlo estimator's alone (0 where exact), not problem-sampling noise, so it gets no bounds and no verdict: the outcome above rests on pass@k.</sub>",
  ];
}

export function compareMarkdown(c: RunComparison): string {
  const o = c.options;
  const sim = (s: boolean) => (s ? ' (simulated)' : '');
  const lines = [
    HEADLINE[c.decision.overall](o.margin),
    '',
    outcomeLine(c),
    '',
    '| k | base pass@k % | new pass@k % | difference (points) | standard error | lower bound (level) | upper bound (level) | detectable drop (points) | verdict |',
    '|---|---|---|---|---|---|---|---|---|',
    ...c.decision.perK.map((d, i) => row(c, d, i)),
    ...c.skipped.map((s) => `| ${s.k} | - | - | - | - | - | - | - | not reported: ${s.reason} |`),
    '',
    `${c.benchmark}, ${c.problems} problems paired. Base: \`${c.base.model}\`${sim(c.base.simulated)} / \`${c.base.config}\` (\`${c.base.dir}\`); new: \`${c.new.model}\`${sim(c.new.simulated)} / \`${c.new.config}\` (\`${c.new.dir}\`).`,
    '',
  ];
  if (c.slopeA.reason === null) {
    const s = c.slopeA;
    lines.push(
      `Fit A slope (pass@k points per 10x FLOPs, ${s.convention}): base ${pp(s.base)}, new ${pp(s.new)}, difference ${pp(s.difference)} [${s.ci ? `${pp(s.ci[0])}, ${pp(s.ci[1])}` : '-'}] (paired bootstrap).`,
    );
  } else lines.push(`Fit A slope difference: not computed (${c.slopeA.reason}).`);
  if (c.nAtK) lines.push('', ...nAtKLines(c.nAtK));
  lines.push(
    '',
    `<sub>Per-problem unbiased pass@k, paired by problem; bounds: ${c.decision.method}. ` +
      `Regression: the one-sided upper bound of the difference is below 0${o.ignoreBelow > 0 ? ` and the drop is at least ${pct(o.ignoreBelow)} points` : ''}; ` +
      `non-inferior: the one-sided lower bound is above -${pct(o.margin)} points (the margin). ` +
      `Holm across the ks at alpha ${o.alpha}: each bound is drawn at the level Holm tested its k at. ` +
      `Detectable drop: the smallest true drop called a regression with 80% power, at alpha / ${Math.max(1, c.results.length)}.</sub>`,
  );
  return lines.join('\n');
}
