/**
 * Code extraction from chat-style model output: markdown fences and the chatter around
 * them. Rules (a fence is a line starting, after at most 3 spaces, with ``` or ~~~):
 * - no fence line: the text is returned unchanged (plain code is left alone);
 * - otherwise the body of one block: the first block tagged with the language
 *   (```python, ```py, ```python3 / ```javascript, ```js ...), else the first untagged
 *   block, else the first block;
 * - a block whose closing fence never comes runs to the end (output cut at max_tokens),
 *   unless a line inside it ends with the fence marker (`return x````), which closes it;
 * - a lone untagged fence after some text closes an implicit block that began at the
 *   start (the prompt opened the fence; the model wrote code, closed it, then chatted):
 *   that leading text is the code.
 * The first tagged block is what evalplus's ChatGPT completions hold (all 395 fenced
 * answers in mbppplus_chatgpt_t0). Pure: no I/O.
 */
import type { Language } from '../../kernel/task.js';

export interface CodeBlock {
  /** The info string's first word, lower-cased ('' when untagged). */
  lang: string;
  body: string;
  closed: boolean;
  /** The implicit block before a lone closing fence. */
  implicit: boolean;
}

const LANGUAGE_TAGS: Record<Language, readonly string[]> = {
  python: ['python', 'py', 'python3', 'py3', 'pycon', 'ipython'],
  javascript: ['javascript', 'js', 'node', 'nodejs', 'jsx', 'mjs'],
  typescript: ['typescript', 'ts', 'tsx', 'mts'],
};

const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/;
const CLOSING = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

interface FenceLine {
  index: number;
  marker: string;
  lang: string;
}

function fenceAt(line: string, index: number): FenceLine | null {
  const m = FENCE.exec(line.replace(/\r$/, ''));
  if (!m) return null;
  const lang = (/^[\w+#.-]*/.exec(m[2]!)?.[0] ?? '').toLowerCase();
  return { index, marker: m[1]!, lang };
}

function closes(line: string, open: FenceLine): boolean {
  const m = CLOSING.exec(line.replace(/\r$/, ''));
  return m !== null && m[1]![0] === open.marker[0] && m[1]!.length >= open.marker.length;
}

/** Every fenced block of the text, in order. */
export function codeBlocks(text: string): CodeBlock[] {
  const lines = text.split('\n');
  const blocks: CodeBlock[] = [];
  let i = 0;
  const first = lines.findIndex((l, k) => fenceAt(l, k) !== null);
  if (first > 0) {
    const fence = fenceAt(lines[first]!, first)!;
    const before = lines.slice(0, first).join('\n');
    const fenceLines = lines.filter((l, k) => fenceAt(l, k) !== null).length;
    if (fence.lang === '' && closes(lines[first]!, fence) && fenceLines % 2 === 1 && before.trim() !== '') {
      blocks.push({ lang: '', body: before + '\n', closed: true, implicit: true });
      i = first + 1;
    }
  }
  while (i < lines.length) {
    const open = fenceAt(lines[i]!, i);
    if (!open) {
      i++;
      continue;
    }
    let end = lines.findIndex((l, k) => k > i && closes(l, open));
    if (end !== -1) {
      blocks.push({ lang: open.lang, body: joinBody(lines.slice(i + 1, end)), closed: true, implicit: false });
      i = end + 1;
      continue;
    }
    // No closing line: a line ending in the marker closes the block, else it runs to the end.
    end = lines.findIndex((l, k) => k > i && l.replace(/\r$/, '').trimEnd().endsWith(open.marker));
    if (end !== -1) {
      const last = lines[end]!.replace(/\r$/, '').trimEnd();
      const body = [...lines.slice(i + 1, end), last.slice(0, last.length - open.marker.length)];
      blocks.push({ lang: open.lang, body: joinBody(body), closed: true, implicit: false });
      i = end + 1;
    } else {
      blocks.push({ lang: open.lang, body: joinBody(lines.slice(i + 1)), closed: false, implicit: false });
      break;
    }
  }
  return blocks;
}

function joinBody(lines: string[]): string {
  const body = lines.join('\n');
  return body === '' || body.endsWith('\n') ? body : body + '\n';
}

/** The code in a model's output (see the rules above); text without fences comes back unchanged. */
export function extractCode(text: string, language: Language): string {
  const blocks = codeBlocks(text);
  if (blocks.length === 0) return text;
  const tags = LANGUAGE_TAGS[language];
  const chosen =
    blocks.find((b) => b.implicit) ?? blocks.find((b) => tags.includes(b.lang)) ?? blocks.find((b) => b.lang === '') ?? blocks[0]!;
  return chosen.body;
}

/** Whether extractCode would change the text. */
export function hasFence(text: string): boolean {
  return text.split('\n').some((l, k) => fenceAt(l, k) !== null);
}
