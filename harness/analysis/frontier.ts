/**
 * The compute-optimal choice (docs/formulas.md, "Frontier"): every (model, config, k) is
 * an option with a cost per problem on one axis (FLOPs, tokens, GPU-seconds or dollars)
 * and a pass@k with its problem-bootstrap interval; k up to the measured n comes from the
 * samples, larger k from fit C (marked extrapolated). At a budget B the choice is the
 * option of highest pass@k whose cost is at most B; the runner-up is the best option of
 * another (model, config), and `separated` says whether their intervals are disjoint.
 * Pure.
 */
export interface FrontierOption {
  label: string;
  model: string;
  config: string;
  k: number;
  cost: number;
  value: number;
  low: number | null;
  high: number | null;
  /** k beyond the measured n: fit C's prediction, not a measurement. */
  extrapolated: boolean;
}

export interface FrontierChoice {
  budget: number;
  best: FrontierOption | null;
  runner_up: FrontierOption | null;
  /** The best's interval lies wholly above the runner-up's. */
  separated: boolean;
}

const better = (a: FrontierOption, b: FrontierOption) => a.value > b.value || (a.value === b.value && a.cost < b.cost);

export function chooseAt(options: readonly FrontierOption[], budget: number): FrontierChoice {
  let best: FrontierOption | null = null;
  for (const o of options) if (o.cost <= budget && (best === null || better(o, best))) best = o;
  let runner: FrontierOption | null = null;
  for (const o of options)
    if (o.cost <= budget && best && (o.model !== best.model || o.config !== best.config) && (runner === null || better(o, runner)))
      runner = o;
  const separated = best !== null && runner !== null && best.low !== null && runner.high !== null && best.low > runner.high;
  return { budget, best, runner_up: runner, separated };
}

/** `count` budgets spaced evenly on a log scale from the cheapest option's cost to the dearest's. */
export function budgetGrid(options: readonly FrontierOption[], count: number): number[] {
  const costs = options.map((o) => o.cost).filter((c) => c > 0);
  if (costs.length === 0) return [];
  const lo = Math.min(...costs);
  const hi = Math.max(...costs);
  if (count < 2 || lo === hi) return [lo];
  return Array.from({ length: count }, (_, i) => lo * (hi / lo) ** (i / (count - 1)));
}
