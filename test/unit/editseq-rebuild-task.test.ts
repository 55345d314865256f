import { describe, expect, it } from 'vitest';
import type { Task } from '../../kernel/task.js';
import { rebuildForTask } from '../../harness/rebuild/rebuild-task.js';

const humaneval: Task = {
  id: 'HumanEval/x',
  benchmark: 'humaneval',
  language: 'python',
  prompt: 'import math\n\n\ndef root(x):\n    """Square root."""\n',
  entryPoint: 'root',
  canonicalSolution: '    return math.sqrt(x)\n',
  test: { kind: 'python-check', test: 'def check(f):\n    assert f(4) == 2\n', entryPoint: 'root' },
};
const jsTask: Task = {
  ...humaneval,
  id: 'JavaScript/x',
  language: 'javascript',
  prompt: '/* doc */\nconst root = (x) => {\n',
  test: { kind: 'js-asserts', test: 'console.assert(root(4) === 2)' },
};
const lintseq = { mode: 'lintseq', malformed: 'skip' } as const;

describe('rebuildForTask', () => {
  it('runs prompt + rebuilt program for HumanEval, as the reference evaluation does', () => {
    const completion = '@@ -0,0 +1,2 @@\n+def root(x):\n+    return math.sqrt(x)\n<|diff|>\n<|diff|><|endoftext|>';
    const out = rebuildForTask(humaneval, completion, lintseq);
    expect(out).toMatchObject({ program: `${humaneval.prompt}def root(x):\n    return math.sqrt(x)`, edits: 1 });
  });

  it('strips a markdown fence from the rebuilt program before prepending the prompt', () => {
    const completion = '@@ -0,0 +1,3 @@\n+```python\n+def root(x):\n+    return x ** 0.5\n<|diff|>@@ -3,0 +4 @@\n+```\n+print("chatter")';
    const out = rebuildForTask(humaneval, completion, lintseq);
    expect(out).toMatchObject({ program: `${humaneval.prompt}\ndef root(x):\n    return x ** 0.5\n` });
  });

  it('runs the rebuilt program alone for JavaScript', () => {
    const completion = '@@ -0,0 +1,3 @@\n+const root = (x) => {\n+  return Math.sqrt(x);\n+};';
    expect(rebuildForTask(jsTask, completion, lintseq)).toMatchObject({ program: 'const root = (x) => {\n  return Math.sqrt(x);\n};' });
  });

  it('gives empty for nothing rebuilt and malformed_edit under the penalty', () => {
    expect(rebuildForTask(humaneval, 'I cannot do that.<|endoftext|>', lintseq)).toMatchObject({ verdict: 'empty' });
    const bad = '@@ -0,0 +1 @@\n+def root(x):\n<|diff|>@@ +2 @@\n+    return 2';
    expect(rebuildForTask(humaneval, bad, { mode: 'lintseq', malformed: 'penalize' })).toMatchObject({ verdict: 'malformed_edit' });
    expect(rebuildForTask(humaneval, bad, { mode: 'strict', malformed: 'penalize' })).toMatchObject({ verdict: 'malformed_edit' });
  });
});
