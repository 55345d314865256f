/**
 * Reading a model's answer (rebuild/answer.ts) and counting a think block's tokens
 * (samplers/reasoning-tokens.ts): the answer is what follows a closed think block, a block
 * that never closes leaves none, code comes from a fence as the rule says, and the block's
 * tokens are those up to the one that completes it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitThink, takeAnswer, thinkMarkers, type AnswerRule } from '../../harness/rebuild/answer.js';
import { thinkPart, thinkTokensOfPieces, usageReasoningTokens } from '../../harness/samplers/reasoning-tokens.js';

const markers = { open: '<think>', close: '</think>' };
/** Text that holds neither marker. */
const plain = fc.string().filter((s) => !s.includes('<think>') && !s.includes('</think>'));
const rule = (code: AnswerRule['code'], think = true): AnswerRule => ({ think: think ? markers : null, code });

describe('think blocks', () => {
  it('the answer is what follows a closed block; a block that never closes leaves none', () => {
    fc.assert(
      fc.property(plain, plain, plain, (before, reasoning, answer) => {
        const closed = `${before}<think>${reasoning}</think>${answer}`;
        expect(splitThink(closed, markers)).toEqual({ kind: 'closed', answerAt: closed.length - answer.length });
        expect(splitThink(`${before}<think>${reasoning}`, markers)).toEqual({ kind: 'unclosed' });
        expect(splitThink(`${before}${reasoning}`, markers)).toEqual({ kind: 'none' });
        // A chat template that opened the block in the prompt: the output starts inside it.
        expect(splitThink(`${reasoning}</think>${answer}`, markers)).toEqual({ kind: 'closed', answerAt: reasoning.length + 8 });
      }),
    );
  });

  it('works with any pair of markers, the same one twice included', () => {
    expect(splitThink('## plan ## code', { open: '##', close: '##' })).toEqual({ kind: 'closed', answerAt: 10 });
    expect(splitThink('[R]why[/R]x', { open: '[R]', close: '[/R]' })).toEqual({ kind: 'closed', answerAt: 10 });
    expect(thinkMarkers(['a', 'b'])).toEqual({ open: 'a', close: 'b' });
    expect(thinkMarkers([])).toBeNull();
  });

  it('an unclosed block is no answer (empty), never a program', () => {
    const got = takeAnswer('<think>\nLet me see, the list', rule('fenced'), 'python');
    expect(got.kind).toBe('none');
    // Without markers the same text is an answer like any other.
    expect(takeAnswer('<think>\nLet me see', rule('as-is', false), 'python')).toEqual({ kind: 'text', text: '<think>\nLet me see' });
  });

  it('blank lines after the block go, the first code line keeps its indentation', () => {
    expect(takeAnswer('<think>hm</think>\n\n    return x\n', rule('as-is'), 'python')).toEqual({ kind: 'text', text: '    return x\n' });
  });
});

describe('the code of an answer', () => {
  it('fenced: the first fenced block, or the whole answer without one', () => {
    const fenced = 'Sure.\n```python\ndef f(x):\n    return x\n```\nIt returns x.';
    expect(takeAnswer(fenced, rule('fenced'), 'python')).toEqual({ kind: 'text', text: 'def f(x):\n    return x\n' });
    expect(takeAnswer('def f(x):\n    return x\n', rule('fenced'), 'python')).toEqual({ kind: 'text', text: 'def f(x):\n    return x\n' });
    // A fence inside the reasoning is not the answer's.
    const thought = '<think>maybe ```python\nx = 0\n``` no</think>\n```python\nx = 1\n```';
    expect(takeAnswer(thought, rule('fenced'), 'python')).toEqual({ kind: 'text', text: 'x = 1\n' });
  });

  it('prompt-fence: the prompt opened the fence, the answer runs to its close', () => {
    expect(takeAnswer('    return x\n```\nThat is all.', rule('prompt-fence'), 'python')).toEqual({ kind: 'text', text: '    return x\n' });
  });

  it('as-is leaves any answer unchanged', () => {
    fc.assert(
      fc.property(plain, (text) => {
        expect(takeAnswer(text, rule('as-is'), 'python')).toEqual({ kind: 'text', text });
      }),
    );
  });
});

describe('think block tokens', () => {
  /** Cuts a text into pieces at the given positions (any tokenization). */
  const cut = (text: string, at: number[]): string[] => {
    const points = [...new Set(at.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
    const pieces: string[] = [];
    let from = 0;
    for (const p of [...points, text.length]) {
      if (p > from) pieces.push(text.slice(from, p));
      from = Math.max(from, p);
    }
    return pieces;
  };

  it('are the pieces up to the one that completes the block, all of them when it never closes, none without one', () => {
    fc.assert(
      fc.property(plain, plain, fc.array(fc.nat(), { maxLength: 12 }), (reasoning, answer, at) => {
        const text = `<think>${reasoning}</think>${answer}`;
        const pieces = cut(text, at);
        const end = text.length - answer.length;
        let covered = 0;
        const expected = pieces.findIndex((p) => (covered += p.length) >= end) + 1;
        expect(thinkTokensOfPieces(pieces, markers)).toBe(expected);
        expect(pieces.slice(0, expected).join('')).toContain('</think>');
        const open = cut(`<think>${reasoning}`, at);
        expect(thinkTokensOfPieces(open, markers)).toBe(open.length);
        expect(thinkTokensOfPieces(cut(answer, at), markers)).toBe(0);
      }),
    );
  });

  it("the block's text is what a tokenizer is asked to count", () => {
    expect(thinkPart('<think>a</think>b', markers)).toEqual({ kind: 'closed', text: '<think>a</think>' });
    expect(thinkPart('<think>a', markers)).toEqual({ kind: 'unclosed' });
    expect(thinkPart('b', markers)).toEqual({ kind: 'none' });
  });

  it("a server's own count comes from usage only when a request carries one sample", () => {
    const usage = { completion_tokens: 40, completion_tokens_details: { reasoning_tokens: 31 } };
    expect(usageReasoningTokens(usage, 1)).toBe(31);
    expect(usageReasoningTokens(usage, 2)).toBeNull();
    expect(usageReasoningTokens({ completion_tokens: 40 }, 1)).toBeNull();
    expect(usageReasoningTokens(null, 1)).toBeNull();
  });
});
