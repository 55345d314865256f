/**
 * The pure parts of the Python sandbox: the report channel scanner, verdict
 * classification, the bubblewrap command line and runner limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../sandbox/executor.js';
import { bwrapArgv, sandboxEnv } from '../../sandbox/python/bwrap.js';
import { classify, type RawOutcome } from '../../sandbox/python/classify.js';
import { runnerLimits } from '../../sandbox/python/job.js';
import { ReportScanner } from '../../sandbox/python/report.js';

const NONCE = 'a'.repeat(32);

function scan(chunks: Buffer[], maxLineBytes = 1 << 16): ReportScanner {
  const scanner = new ReportScanner(NONCE, maxLineBytes);
  for (const chunk of chunks) scanner.push(chunk);
  return scanner;
}

/** Splits bytes into chunks at the given cut points. */
function cut(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let last = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(last, p));
    last = p;
  }
  return out;
}

describe('ReportScanner', () => {
  it('finds the real report among garbage, however the stream is chunked', () => {
    const garbage = fc.string({ maxLength: 200 }).filter((s) => !s.includes(NONCE));
    fc.assert(
      fc.property(
        fc.array(garbage, { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.constantFrom('passed', 'failed', 'error'),
        (junk, cuts, token) => {
          const stream = Buffer.from(
            `${junk.join('')}\nPASSK ${NONCE} started\n${junk.join('\n')}\nPASSK ${NONCE} ${token} some detail\nPASSK ${NONCE} passed\n`,
          );
          const scanner = scan(cut(stream, cuts));
          expect(scanner.started).toBe(true);
          expect(scanner.final).toEqual({ token, detail: 'some detail' });
        },
      ),
    );
  });

  it('never accepts a line without the nonce', () => {
    const forged = fc.oneof(
      fc.constant('PASSK 00000000000000000000000000000000 passed'),
      fc.constant(`PASSK ${NONCE.slice(1)} passed`),
      fc.constant(`xPASSK ${NONCE} passed`),
      fc.constant(` PASSK ${NONCE} passed`),
      fc.constant(`PASSK ${NONCE}passed`),
      fc.string({ maxLength: 100 }),
    );
    fc.assert(
      fc.property(fc.array(forged, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 10 }), (lines, cuts) => {
        const scanner = scan(cut(Buffer.from(lines.join('\n')), cuts));
        expect(scanner.final).toBeUndefined();
        expect(scanner.started).toBe(false);
      }),
    );
  });

  it('drops overlong lines, and a report cut short is no report', () => {
    const long = scan([Buffer.from(`PASSK ${NONCE} passed ${'x'.repeat(200)}\n`)], 100);
    expect(long.final).toBeUndefined();
    expect(scan([Buffer.from(`PASSK ${NONCE} passed`)]).final).toBeUndefined();
    // A report right after a partial garbage line still counts: the runner starts with "\n".
    expect(scan([Buffer.from(`garbage without newline\nPASSK ${NONCE} passed\n`)]).final).toEqual({ token: 'passed', detail: '' });
  });
});

describe('classify', () => {
  const raw = (over: Partial<RawOutcome>): RawOutcome => ({
    started: true,
    timedOut: false,
    outputExceeded: false,
    exitCode: 0,
    signal: null,
    durationMs: 5,
    stdout: '',
    stderr: '',
    stderrTail: '',
    timeoutMs: 1000,
    outputBytes: 100,
    ...over,
  });
  const verdict = (over: Partial<RawOutcome>, viaBwrap = true) => {
    const c = classify(raw(over), viaBwrap);
    return c.kind === 'execution' ? [c.execution.verdict, c.execution.detail] : ['FAULT', c.message];
  };

  it('passes only on the runner report', () => {
    expect(verdict({ final: { token: 'passed', detail: '' } })).toEqual(['passed', undefined]);
    expect(verdict({ exitCode: 0, stdout: 'passed' })[0]).toBe('error');
  });

  it('lets output and time limits win over what the runner said, except a finished report', () => {
    expect(verdict({ outputExceeded: true, final: { token: 'passed', detail: '' } })[0]).toBe('output_limit');
    expect(verdict({ timedOut: true, exitCode: null, signal: 'SIGKILL' })).toEqual(['timeout', 'no result within 1000 ms']);
    expect(verdict({ timedOut: true, final: { token: 'failed', detail: 'AssertionError' } })[0]).toBe('failed');
  });

  it('reads signals from bubblewrap exit codes', () => {
    expect(verdict({ exitCode: 139 })).toEqual(['error', 'killed by SIGSEGV before the tests finished']);
    expect(verdict({ exitCode: 139 }, false)).toEqual(['error', 'exited with code 139 before the tests finished']);
    expect(verdict({ exitCode: 128 + 24 })[0]).toBe('timeout'); // SIGXCPU
    expect(verdict({ exitCode: 137, stderrTail: 'MemoryError' })[0]).toBe('memory');
  });

  it('makes a runner that never started, or that reports a fault, a harness fault', () => {
    expect(verdict({ started: false, exitCode: 1, stderrTail: 'Traceback: boom' })).toEqual([
      'FAULT',
      expect.stringMatching(/did not start.*boom/),
    ]);
    expect(verdict({ final: { token: 'fault', detail: 'test does not compile' } })).toEqual(['FAULT', 'test does not compile']);
    expect(verdict({ final: { token: 'banana', detail: '' } })[0]).toBe('FAULT');
  });

  it('accepts a syntax error reported before the start', () => {
    expect(verdict({ started: false, final: { token: 'syntax_error', detail: 'SyntaxError: x' } })).toEqual([
      'syntax_error',
      'SyntaxError: x',
    ]);
  });
});

describe('bwrapArgv', () => {
  const argv = bwrapArgv({
    bwrap: 'bwrap',
    mounts: [
      { kind: 'ro-bind', source: '/usr', target: '/usr' },
      { kind: 'symlink', source: 'usr/lib', target: '/lib' },
    ],
    runnerDir: '/work/main/sandbox/python/py',
    tmpfsBytes: 1 << 20,
    env: sandboxEnv('/tmp'),
    command: ['/usr/bin/python3', '/passk/passk_driver.py'],
  });

  it('unshares everything, drops capabilities and dies with its parent', () => {
    for (const flag of ['--unshare-all', '--die-with-parent', '--new-session', '--clearenv']) expect(argv).toContain(flag);
    expect(argv.join(' ')).toContain('--cap-drop ALL');
  });

  it('mounts only what it was given, read-only, and the runner files at /passk', () => {
    const binds = argv.flatMap((a, i) => (a.startsWith('--') && a.includes('bind') ? [`${a} ${argv[i + 1]} ${argv[i + 2]}`] : []));
    expect(binds).toEqual(['--ro-bind /usr /usr', '--ro-bind /work/main/sandbox/python/py /passk']);
    expect(argv.join(' ')).toMatch(/--size 1048576 --tmpfs \/tmp/);
    expect(argv.join(' ')).toContain('--remount-ro /');
  });

  it('fixes the hash seed and ends with the command', () => {
    expect(argv.join(' ')).toContain('--setenv PYTHONHASHSEED 0');
    expect(argv.slice(-3)).toEqual(['--', '/usr/bin/python3', '/passk/passk_driver.py']);
  });
});

describe('runnerLimits', () => {
  it('counts processes only inside a user namespace and backs the wall clock with CPU time', () => {
    expect(runnerLimits({ ...DEFAULT_LIMITS, timeoutMs: 2500 }, true)).toMatchObject({
      cpuSeconds: 4,
      maxProcesses: DEFAULT_LIMITS.maxProcesses + 2,
    });
    expect(runnerLimits(DEFAULT_LIMITS, false).maxProcesses).toBe(0);
    expect(runnerLimits(DEFAULT_LIMITS, false).memoryBytes).toBe(DEFAULT_LIMITS.memoryMb << 20);
  });
});
