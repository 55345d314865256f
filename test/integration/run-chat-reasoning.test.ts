/**
 * Acceptance, against the vLLM double's chat endpoint: a `chat` run sends a system message
 * and the task's instruction, and scores each kind of answer as specified: a fenced answer
 * by its block's code, an unfenced one as it is, one after a closed think block by what
 * follows the block, and one whose think block never closes as `empty`. The records keep
 * what was sent, what was extracted, and the think block's tokens apart from the answer's
 * (both are generated tokens, so both are in completion_tokens and in FLOPs). The same holds
 * when the server parses the reasoning out (vLLM's reasoning_content), and whichever source
 * counts the tokens (logprobs for n > 1, usage and the tokenize endpoint for n = 1).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../benchmarks/registry.js';
import { canonicalProgram, type Task } from '../../kernel/task.js';
import { groupCosts } from '../../harness/analysis/group-costs.js';
import { groupsOfRun } from '../../harness/analysis/group-data.js';
import { flopsPerSample } from '../../harness/metrics/flops.js';
import { expandGrid } from '../../harness/samplers/grid.js';
import { seedBase } from '../../harness/samplers/seeds.js';
import { describeRun } from '../../harness/run-config/describe-run.js';
import { runConfigSchema } from '../../harness/run-config/schema.js';
import { executeRun } from '../../harness/run/runner.js';
import { readRun } from '../../harness/store/run-files.js';
import { doubleTokens, startVllmDouble, type RespondContext, type VllmDouble } from '../support/vllm-double.js';

const SYSTEM = 'You are a careful Python programmer. Answer with one code block.';
const SAMPLING = { temperature: 0.8, max_tokens: 512 };
const CONFIG = expandGrid(SAMPLING)[0]!.name;
const THOUGHT = '<think>\nThe loop has to stop at zero; check the empty case first.\n</think>';
const dir = mkdtempSync(join(tmpdir(), 'passk-chat-'));
let tasks: Task[];
let plain: VllmDouble;
let parsing: VllmDouble;
let single: VllmDouble;

/** The four answers, by choice index: fenced, unfenced, after a closed think block, a think block that never closes. */
function answers(task: Task): string[] {
  const program = canonicalProgram(task);
  return [
    `Here is the function:\n\`\`\`python\n${program}\`\`\`\nIt handles the edge cases.`,
    program,
    `${THOUGHT}\n\n\`\`\`python\n${program}\`\`\``,
    '<think>\nFirst, consider the case where the input',
  ];
}

/** Answers by choice: all of a task's samples come in one request. */
function respond(ctx: RespondContext): string {
  const task = tasks.find((t) => ctx.prompt.endsWith(t.instruction!));
  return task ? answers(task)[ctx.choice % 4]! : 'unknown task';
}

/** Answers by sample index, from the sample's seed (seeds.ts), when each request carries one sample. */
function respondBySeed(ctx: RespondContext): string {
  const task = tasks.find((t) => ctx.prompt.endsWith(t.instruction!));
  return task ? answers(task)[ctx.seed! - seedBase(0, 'one-by-one', CONFIG, task.id)]! : 'unknown task';
}

beforeAll(async () => {
  tasks = (await loadBenchmark('builtin')).tasks.slice(0, 2);
  plain = await startVllmDouble({ models: ['chat'], respond });
  parsing = await startVllmDouble({ models: ['chat'], respond, reasoningParser: true });
  single = await startVllmDouble({ models: ['chat'], respond: respondBySeed });
});
afterAll(async () => {
  await Promise.all([plain.close(), parsing.close(), single.close()]);
});

describe('a chat run with a reasoning model', () => {
  it('scores fenced, unfenced, closed-think and unclosed-think answers as specified, and counts thinking apart', async () => {
    const chat = { model: 'chat', format: 'full', prompt_style: 'chat', system_prompt: SYSTEM };
    const architecture = { layers: 2, d_attn: 64, matmul_params: 1e6 };
    const config = runConfigSchema.parse({
      benchmark: 'builtin',
      tasks: tasks.map((t) => t.id),
      models: [
        { ...chat, name: 'plain', endpoints: [plain.url], architecture },
        { ...chat, name: 'parsed', endpoints: [parsing.url], architecture },
        // One sample per request: counts from usage, the think block's from the tokenize endpoint.
        { ...chat, name: 'one-by-one', endpoints: [single.url], n_per_request: 1, architecture },
      ],
      sampling: SAMPLING,
      n: 4,
      execution: { jobs: 2 },
      out: join(dir, 'run'),
    });
    const { result } = await executeRun(await describeRun(config));
    expect(result?.faults).toEqual([]);

    // Each request carried the system message and the instruction, to /v1/chat/completions.
    for (const d of [plain, parsing, single]) {
      for (const r of d.requests) {
        if (r.path === '/tokenize') continue;
        expect(r.path).toBe('/v1/chat/completions');
        const task = tasks.find((t) => t.instruction === (r.body.messages as Array<{ content: string }>)[1]!.content)!;
        expect(r.body.messages).toEqual([
          { role: 'system', content: SYSTEM },
          { role: 'user', content: task.instruction },
        ]);
      }
    }

    const run = await readRun(join(dir, 'run'));
    expect(run.samples).toHaveLength(3 * tasks.length * 4);
    for (const s of run.samples) {
      const task = tasks.find((t) => t.id === s.task_id)!;
      const program = canonicalProgram(task);
      const generated = answers(task)[s.index]!;
      const where = `${s.model} ${s.task_id}#${s.index}`;
      expect(s.prompt_style, where).toBe('chat');
      expect(s.prompt, where).toEqual([
        { role: 'system', content: SYSTEM },
        { role: 'user', content: task.instruction },
      ]);
      expect(s.completion, where).toBe(generated);
      // Every generated token, the end token included, whatever counted them.
      expect(s.completion_tokens, where).toBe(doubleTokens(generated).length + 1);
      expect(s.token_source, where).toBe(s.model === 'one-by-one' ? 'usage' : 'logprobs');
      switch (s.index) {
        case 0:
          expect([s.verdict, s.answer, s.program, s.reasoning_tokens], where).toEqual(['passed', program, program, 0]);
          break;
        case 1:
          expect([s.verdict, s.answer, s.program, s.reasoning_tokens], where).toEqual(['passed', null, program, 0]);
          break;
        case 2:
          expect([s.verdict, s.answer, s.program], where).toEqual(['passed', program, program]);
          expect(s.reasoning_tokens, where).toBe(doubleTokens(THOUGHT).length);
          break;
        case 3:
          expect([s.verdict, s.program, s.answer], where).toEqual(['empty', '', null]);
          expect(s.detail, where).toContain('think block never closes');
          expect(s.reasoning_tokens, where).toBe(s.completion_tokens);
          break;
      }
    }

    // FLOPs count the think block's tokens with the answer's: G = reasoning + answer.
    const arch = { layers: 2, d_attn: 64, matmul_params: 1e6 };
    for (const group of groupsOfRun(run)) {
      const { costs } = groupCosts(group, 'kv-no-sharing');
      group.taskIds.forEach((id, i) => {
        const task = tasks.find((t) => t.id === id)!;
        const perSample = group.tokens[i]!.map((t, index) => {
          const thinking = index === 2 ? doubleTokens(THOUGHT).length : 0;
          const answer = doubleTokens(answers(task)[index]!).length + 1 - thinking;
          expect(t.reasoning).toBe(index === 3 ? t.completion : thinking);
          return flopsPerSample(arch, { prompt: t.prompt!, completion: thinking + answer }, { convention: 'kv-no-sharing' });
        });
        expect(costs![i]!.perSample).toBeCloseTo(perSample.reduce((a, b) => a + b, 0) / perSample.length, 6);
      });
    }
  });
});
