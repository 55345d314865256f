/**
 * The markdown-fence strip the reference HumanEval evaluation applies to the rebuilt
 * program (upiterbarg/lintseq, src/eval/humaneval/evaluation.py): keep what follows the
 * first "```python", then keep what precedes the first "```". For JavaScript the opening
 * tag is "```javascript" or "```js", for TypeScript "```typescript" or "```ts" (the reference has
 * no JavaScript or TypeScript evaluation).
 *
 * The reference MBPP evaluation differs: it strips before rebuilding, and also cuts at the
 * first bare "python" anywhere in the completion. passk applies the HumanEval rule (on the
 * rebuilt program) to every task; see rebuild-task.ts.
 */
import type { Language } from '../../kernel/task.js';

const OPENERS: Record<Language, readonly string[]> = {
  python: ['```python'],
  javascript: ['```javascript', '```js'],
  typescript: ['```typescript', '```ts'],
};

export function stripMarkdownFence(code: string, language: Language): string {
  let out = code;
  for (const opener of OPENERS[language]) {
    const at = out.indexOf(opener);
    if (at >= 0) {
      out = out.slice(at + opener.length);
      break;
    }
  }
  const close = out.indexOf('```');
  return close >= 0 ? out.slice(0, close) : out;
}
