"""The real pylint as a warm LintSeq linter (harness/lintseq/linters/python.ts).

One pylint instance checks every program, with the reference LintSeq options
(--disable=C,R, E/F messages plus W0311 and W0231 count; only those are enabled, which
gives the same messages faster). Each program goes to a fresh file (a fresh module name)
and is dropped from astroid's cache afterwards, so nothing from one program leaks into the
next while the standard library stays parsed. Syntax errors name the
line that pylintseq's file_linter reads ("... on line N" names line N).

Protocol: one JSON line in, one JSON line out. In: a list of [id, "lint", source].
Out: a list of [id, [[line, msg_id, message], ...]].
"""
import json
import os
import sys
import tempfile

from astroid import MANAGER
from pylint.lint import Run
from pylint.reporters import CollectingReporter

OPTIONS = [
    '--disable=all',
    '--enable=E,F,W0311,W0231',
    '--reports=n',
    '--score=n',
    '--persistent=n',
    '--unsafe-load-any-extension=y',
    '--generated-members=cv2.*',
]


def main():
    folder = tempfile.mkdtemp(prefix='passk-pylint-')
    reporter = CollectingReporter()
    seed = os.path.join(folder, 'seed.py')
    with open(seed, 'w') as fh:
        fh.write('\n')
    linter = Run(OPTIONS + [seed], reporter=reporter, exit=False).linter
    count = 0
    out = sys.stdout
    for raw in sys.stdin:
        replies = []
        for req in json.loads(raw):
            count += 1
            path = os.path.join(folder, 'p%d.py' % count)
            with open(path, 'w') as fh:
                fh.write(req[2])
            reporter.messages.clear()
            try:
                linter.check([path])
                issues = []
                for m in reporter.messages:
                    line = m.line
                    if m.msg_id == 'E0001' and 'on line' in m.msg:
                        head = m.msg[: m.msg.rfind('(')].rstrip().split(' ')[-1]
                        line = int(head) if head.isdigit() else line
                    issues.append([line or 1, m.msg_id, m.msg])
            except Exception as e:  # pylint itself failing counts as F, as in the reference
                issues = [[1, 'F0002', repr(e)]]
            finally:
                os.unlink(path)
                # Forget this module only: clearing the whole cache would re-parse builtins.
                MANAGER.astroid_cache.pop('p%d' % count, None)
            replies.append([req[0], issues])
        out.write(json.dumps(replies))
        out.write('\n')
        out.flush()


if __name__ == '__main__':
    main()
