import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonLines } from '../../kernel/jsonl.js';
import { codeBlocks, extractCode, hasFence } from '../../harness/sample-files/extract-code.js';
import { datasetPath, skipWithoutDatasets } from '../support/datasets.js';

const CHATGPT = 'mbppplus_chatgpt_t0.jsonl.gz';

describe('extractCode', () => {
  it('leaves text without fence lines unchanged (property)', () => {
    // Lines never start with a fence: backticks and tildes may appear anywhere else.
    const line = fc.string({ maxLength: 40 }).filter((l) => !/^ {0,3}(```|~~~)/.test(l));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.constantFrom('python' as const, 'javascript' as const), (lines, lang) => {
        const text = lines.join('\n');
        expect(hasFence(text)).toBe(false);
        expect(extractCode(text, lang)).toBe(text);
      }),
    );
    const code = 'def f():\n    s = "```python"\n    return s  # ``` inside a line\n    ```\n';
    expect(extractCode(code, 'python')).toBe(code); // an indented fence inside code is not a fence
  });

  it('takes the python block from chatter, ignoring the usage and test blocks after it', () => {
    const text = [
      'Sure! Here is the function:',
      '',
      '```Python',
      'def add(a, b):',
      '    return a + b',
      '```',
      '',
      'Test it:',
      '```python',
      'assert add(1, 2) == 3',
      '```',
    ].join('\n');
    expect(extractCode(text, 'python')).toBe('def add(a, b):\n    return a + b\n');
  });

  it('prefers a block tagged with the language over earlier shell or untagged blocks', () => {
    const text =
      'Install:\n```bash\npip install x\n```\nExample:\n```\n>>> add(1, 2)\n```\nCode:\n```py\ndef add(a, b):\n    return a + b\n```\n';
    expect(extractCode(text, 'python')).toBe('def add(a, b):\n    return a + b\n');
    expect(extractCode('```bash\nls\n```\n```\nplain\n```', 'python')).toBe('plain\n');
    expect(extractCode('```text\nonly this\n```', 'python')).toBe('only this\n');
    expect(extractCode('```js\nfunction f() {}\n```\n```python\nx = 1\n```', 'javascript')).toBe('function f() {}\n');
  });

  it('runs an unterminated fence to the end (output cut at max_tokens)', () => {
    expect(extractCode('Here:\n```python\ndef f():\n    return [1,\n', 'python')).toBe('def f():\n    return [1,\n');
    expect(codeBlocks('```python\nx = 1')[0]).toMatchObject({ closed: false, body: 'x = 1\n' });
  });

  it('closes a block at a code line that ends with the fence marker', () => {
    expect(extractCode('```python\ndef f():\n    return 1```\nThat is all.', 'python')).toBe('def f():\n    return 1\n');
  });

  it('reads a lone closing fence as the end of code the prompt opened', () => {
    const text = '    return sorted(xs)\n```\n\nThis sorts the list. Example:\n```python\nprint(f([2, 1]))\n```';
    // Three fence lines: the first closes an implicit block that began at the start.
    expect(extractCode(text, 'python')).toBe('    return sorted(xs)\n');
  });

  it('handles tildes, longer fences, CRLF and language tags with extras', () => {
    expect(extractCode('~~~python\nx = 1\n~~~', 'python')).toBe('x = 1\n');
    expect(extractCode('````python\nprint("```")\n```\n````', 'python')).toBe('print("```")\n```\n');
    expect(extractCode('```python\r\nx = 1\r\n```\r\n', 'python')).toBe('x = 1\r\n');
    expect(extractCode('```python title="sol.py"\nx = 2\n```', 'python')).toBe('x = 2\n');
    expect(extractCode('```python3\nx = 3\n```', 'python')).toBe('x = 3\n');
  });

  it.skipIf(skipWithoutDatasets(CHATGPT))("finds exactly evalplus's extracted completion in every fenced real ChatGPT answer", async () => {
    const rows = (await readJsonLines(datasetPath(CHATGPT))).map(
      (l) => l.value as { task_id: number; completion: string; full_content: string },
    );
    expect(rows).toHaveLength(399);
    let fenced = 0;
    for (const row of rows) {
      if (!hasFence(row.full_content)) {
        expect(extractCode(row.full_content, 'python')).toBe(row.full_content);
        continue;
      }
      fenced++;
      expect(extractCode(row.full_content, 'python').trim(), String(row.task_id)).toBe(row.completion.trim());
    }
    expect(fenced).toBe(395);
  });
});
