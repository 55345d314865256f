/** Per-problem FLOPs costs of a group, or why they cannot be computed. Pure. */
import { architectureFacts } from '../metrics/architecture.js';
import { problemCost, type FlopsConvention, type ProblemCost } from '../metrics/flops.js';
import type { GroupData } from './group-data.js';

interface GroupCosts {
  costs: ProblemCost[] | null;
  reason: string | null;
}

export function groupCosts(group: GroupData, convention: FlopsConvention): GroupCosts {
  const arch = group.facts.architecture;
  if (!arch) return { costs: null, reason: group.facts.architectureReason ?? 'no architecture' };
  const facts = architectureFacts(arch);
  const costs: ProblemCost[] = [];
  for (let i = 0; i < group.taskIds.length; i++) {
    const tokens = group.tokens[i]!;
    const missing = tokens.findIndex((t) => t.prompt === null || t.completion === null);
    if (missing >= 0)
      return {
        costs: null,
        reason: `task ${group.taskIds[i]} sample ${missing} has no token counts (token source: ${group.tokenSources.join(', ')})`,
      };
    costs.push(
      problemCost(
        facts,
        tokens.map((t) => ({ prompt: t.prompt!, completion: t.completion! })),
        convention,
      ),
    );
  }
  return { costs, reason: null };
}
