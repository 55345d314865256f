/**
 * The examples of a CodeContests statement (its `Input` / `Output` blocks after the
 * "Example(s)" heading), parsed into the problem's public tests. Pure. The dataset joins
 * public and private tests with no marker; the parse is checked against its first tests
 * (test/unit/codecontests-public-tests.test.ts).
 */
import type { StdioTest } from '../../kernel/task.js';

const HEADING = /^Examples?\s*$/m;
const BLOCK_LABEL = /^(Input|Output|Note)\s*$/gm;

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };

/** A block's text without the blank lines around it, ending in one newline; the statements escape < > & as HTML. */
function blockText(raw: string): string {
  const lines = raw.replace(/&(?:lt|gt|quot|#39|amp);/g, (entity) => ENTITIES[entity]!).split('\n');
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export function parseExamples(statement: string): StdioTest[] {
  const heading = HEADING.exec(statement);
  if (!heading) return [];
  const rest = statement.slice(heading.index + heading[0].length);
  const labels = [...rest.matchAll(BLOCK_LABEL)];
  const examples: StdioTest[] = [];
  let input: string | null = null;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label[1] === 'Note') break;
    const start = label.index + label[0].length;
    const end = i + 1 < labels.length ? labels[i + 1]!.index : rest.length;
    const text = blockText(rest.slice(start, end));
    if (label[1] === 'Input') input = text;
    else if (input !== null) {
      examples.push({ input, output: text });
      input = null;
    }
  }
  return examples;
}
