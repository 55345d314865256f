/**
 * The markdown `passk compare BASE_SUITE NEW_SUITE` prints: the suite's one outcome first,
 * then one line per benchmark, then every (benchmark, k) row, then the rule. Pure.
 */
import type { SuiteComparison } from '../analysis/compare-suites.js';
import { level, pct, pp } from './compare-markdown.js';

const HEADLINE = {
  regression: () => '## :x: Regression: the new suite is significantly worse on some benchmark',
  'non-inferior': (m: number) => `## :white_check_mark: Non-inferior: on every benchmark the new suite is at most ${pct(m)} points worse`,
  inconclusive: () => '## :grey_question: Inconclusive: neither a regression nor non-inferiority is shown for the suite',
} as const;

function outcomeLine(c: SuiteComparison): string {
  const regressed = c.benchmarks.flatMap((b) =>
    b.perK.flatMap((d, i) => (d.verdict === 'regression' ? [`${b.name} pass@${d.k} (${pp(b.results[i]!.meanDifference)} points)`] : [])),
  );
  if (c.decision.overall === 'regression') return `Worse on ${regressed.join(', ')}: the upper bound of the difference is below 0.`;
  const open = c.benchmarks.filter((b) => b.verdict !== 'non-inferior').map((b) => b.name);
  if (c.decision.overall === 'non-inferior')
    return `On every benchmark the lower bound of the difference is above -${pct(c.options.margin)} points at every k that can show it.`;
  return `No upper bound is below 0, and not shown non-inferior: ${open.join(', ')}.`;
}

export function compareSuiteMarkdown(c: SuiteComparison): string {
  const o = c.options;
  const rows = c.benchmarks.flatMap((b) => [
    ...b.perK.map((d, i) => {
      const r = b.results[i]!;
      const ni = d.nonInferiority;
      const lower = `${pp(ni.lowerBound)} (${level(ni.level)})${ni.decidable ? '' : ' not decidable'}`;
      return `| ${b.name} | ${r.k} | ${pct(r.base)} | ${pct(r.new)} | ${pp(r.meanDifference)} | ${pct(r.standardError)} | ${lower} | ${pp(d.regression.upperBound)} (${level(d.regression.level)}) | ${d.verdict} |`;
    }),
    ...b.skipped.map((s) => `| ${b.name} | ${s.k} | - | - | - | - | - | - | not reported: ${s.reason} |`),
  ]);
  return [
    HEADLINE[c.decision.overall](o.margin),
    '',
    outcomeLine(c),
    '',
    '| benchmark | problems | base (model / config) | new (model / config) | verdict |',
    '|---|---|---|---|---|',
    ...c.benchmarks.map(
      (b) =>
        `| ${b.name} (${b.benchmark}) | ${b.problems} | \`${b.base.model}\` / \`${b.base.config}\` | \`${b.new.model}\` / \`${b.new.config}\` | **${b.verdict}** |`,
    ),
    '',
    '| benchmark | k | base pass@k % | new pass@k % | difference (points) | standard error | lower bound (level) | upper bound (level) | verdict |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Base suite \`${c.base.name}\` (\`${c.base.dir}\`); new suite \`${c.new.name}\` (\`${c.new.dir}\`).`,
    '',
    `<sub>Per-problem unbiased pass@k, paired by problem within each benchmark; bounds: ${c.decision.method}. ` +
      `One family of ${c.decision.family} hypotheses (${c.benchmarks.length} benchmarks x their ks), Holm at alpha ${o.alpha}: ` +
      `the chance of a false alarm anywhere in the suite is at most alpha. ` +
      `Regression: the one-sided upper bound is below 0${o.ignoreBelow > 0 ? ` and the drop is at least ${pct(o.ignoreBelow)} points` : ''}; ` +
      `non-inferior: the one-sided lower bound is above -${pct(o.margin)} points at every decidable row. Any benchmark's regression is the suite's.</sub>`,
  ].join('\n');
}
