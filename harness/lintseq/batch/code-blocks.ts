/**
 * The reference's `strip_chain_of_thought`, applied to each program before LintSeq: when
 * the text holds fenced code blocks tagged with the language ("```python"), their contents
 * joined with "\n" (then stripped) are the program; otherwise the text is used as is.
 */
import { pyStrip } from '../../rebuild/python-str.js';
import type { LineLanguage } from '../lines.js';

const TAGS: Record<LineLanguage, string> = { python: 'python', javascript: 'javascript', typescript: 'typescript' };

export function stripChainOfThought(text: string, language: LineLanguage): string {
  const open = '```' + TAGS[language];
  const chunks: string[] = [];
  let rest = text;
  let at = rest.indexOf(open);
  while (at >= 0) {
    const body = rest.slice(at + open.length);
    const close = body.indexOf('```');
    // Python's find returns -1 for a missing close, and body[:-1] drops the last character.
    chunks.push(close >= 0 ? body.slice(0, close) : body.slice(0, -1));
    rest = close >= 0 ? body.slice(close + 3) : body.slice(2);
    at = rest.indexOf(open);
  }
  return chunks.length > 0 ? pyStrip(chunks.join('\n')) : text;
}
