/** Built-in problems on strings and text. */
import { problem, type BuiltinProblem } from './problem.js';

export const STRING_PROBLEMS: BuiltinProblem[] = [
  problem({
    entryPoint: 'is_palindrome',
    instruction:
      'Write a function is_palindrome(text) that returns True when text reads the same forwards and backwards, ignoring case and every character that is not a letter or a digit.',
    prompt: String.raw`
def is_palindrome(text: str) -> bool:
    """Return True when text reads the same forwards and backwards, ignoring case
    and every character that is not a letter or a digit.
    >>> is_palindrome('A man, a plan, a canal: Panama')
    True
    >>> is_palindrome('abca')
    False
    """
`,
    solution: String.raw`
    kept = [ch.lower() for ch in text if ch.isalnum()]
    left, right = 0, len(kept) - 1
    while left < right:
        if kept[left] != kept[right]:
            return False
        left += 1
        right -= 1
    return True
`,
    check: String.raw`
def check(candidate):
    assert candidate('A man, a plan, a canal: Panama') is True
    assert candidate('abca') is False
    assert candidate('') is True
    assert candidate('No lemon, no melon') is True
    assert candidate('ab') is False
    assert candidate('12 3 21') is True
`,
  }),
  problem({
    entryPoint: 'count_vowels',
    instruction: 'Write a function count_vowels(text) that returns how many vowels (a, e, i, o, u, in either case) text contains.',
    prompt: String.raw`
def count_vowels(text: str) -> int:
    """Return how many vowels (a, e, i, o, u, upper or lower case) text contains.
    >>> count_vowels('Hello World')
    3
    """
`,
    solution: String.raw`
    count = 0
    for ch in text.lower():
        if ch in 'aeiou':
            count += 1
    return count
`,
    check: String.raw`
def check(candidate):
    assert candidate('Hello World') == 3
    assert candidate('') == 0
    assert candidate('rhythm') == 0
    assert candidate('AEIOUaeiou') == 10
    assert candidate('Quiet queue') == 7
`,
  }),
  problem({
    entryPoint: 'caesar_shift',
    instruction:
      'Write a function caesar_shift(text, k) that shifts every letter of text k places along the alphabet, wrapping around and keeping its case; other characters stay as they are. k may be negative or larger than 26.',
    prompt: String.raw`
def caesar_shift(text: str, k: int) -> str:
    """Shift every letter of text k places along the alphabet, wrapping around
    and keeping its case; other characters are unchanged. k may be negative.
    >>> caesar_shift('Abc, xyz!', 2)
    'Cde, zab!'
    """
`,
    solution: String.raw`
    out = []
    for ch in text:
        if 'a' <= ch <= 'z':
            out.append(chr((ord(ch) - ord('a') + k) % 26 + ord('a')))
        elif 'A' <= ch <= 'Z':
            out.append(chr((ord(ch) - ord('A') + k) % 26 + ord('A')))
        else:
            out.append(ch)
    return ''.join(out)
`,
    check: String.raw`
def check(candidate):
    assert candidate('Abc, xyz!', 2) == 'Cde, zab!'
    assert candidate('Hello', 0) == 'Hello'
    assert candidate('Hello', 26) == 'Hello'
    assert candidate('Cde', -2) == 'Abc'
    assert candidate('Zz', 53) == 'Aa'
`,
  }),
  problem({
    entryPoint: 'run_length_encode',
    instruction:
      "Write a function run_length_encode(text) that replaces each run of a repeated character by the character followed by the run's length, e.g. 'aaabcc' becomes 'a3b1c2'.",
    prompt: String.raw`
def run_length_encode(text: str) -> str:
    """Replace each run of one repeated character by the character followed by
    the length of the run.
    >>> run_length_encode('aaabcc')
    'a3b1c2'
    """
`,
    solution: String.raw`
    if not text:
        return ''
    parts = []
    current, count = text[0], 1
    for ch in text[1:]:
        if ch == current:
            count += 1
        else:
            parts.append(current + str(count))
            current, count = ch, 1
    parts.append(current + str(count))
    return ''.join(parts)
`,
    check: String.raw`
def check(candidate):
    assert candidate('aaabcc') == 'a3b1c2'
    assert candidate('') == ''
    assert candidate('x') == 'x1'
    assert candidate('aaaaaaaaaaaa') == 'a12'
    assert candidate('abab') == 'a1b1a1b1'
`,
  }),
  problem({
    entryPoint: 'word_frequencies',
    instruction:
      'Write a function word_frequencies(text) that returns a dict mapping each lower-cased word of text to the number of times it occurs; words are runs of letters, everything else separates them.',
    prompt: String.raw`
def word_frequencies(text: str) -> dict:
    """Return a dict mapping each lower-cased word of text to how many times it
    occurs. Words are runs of letters; anything else separates words.
    >>> word_frequencies('The cat and the hat.')
    {'the': 2, 'cat': 1, 'and': 1, 'hat': 1}
    """
`,
    solution: String.raw`
    counts = {}
    word = ''
    for ch in text.lower() + ' ':
        if ch.isalpha():
            word += ch
        elif word:
            counts[word] = counts.get(word, 0) + 1
            word = ''
    return counts
`,
    check: String.raw`
def check(candidate):
    assert candidate('The cat and the hat.') == {'the': 2, 'cat': 1, 'and': 1, 'hat': 1}
    assert candidate('') == {}
    assert candidate('one,two;;TWO  three-three three') == {'one': 1, 'two': 2, 'three': 3}
    assert candidate('end') == {'end': 1}
`,
  }),
  problem({
    entryPoint: 'is_anagram',
    instruction:
      'Write a function is_anagram(a, b) that returns True when the two strings use exactly the same letters the same number of times, ignoring case and spaces.',
    prompt: String.raw`
def is_anagram(a: str, b: str) -> bool:
    """Return True when a and b use the same letters the same number of times,
    ignoring case and spaces.
    >>> is_anagram('Dormitory', 'Dirty room')
    True
    """
`,
    solution: String.raw`
    def letters(s):
        return sorted(ch for ch in s.lower() if ch != ' ')

    return letters(a) == letters(b)
`,
    check: String.raw`
def check(candidate):
    assert candidate('Dormitory', 'Dirty room') is True
    assert candidate('listen', 'silent') is True
    assert candidate('aab', 'abb') is False
    assert candidate('abc', 'abcd') is False
    assert candidate('', '  ') is True
`,
  }),
  problem({
    entryPoint: 'longest_common_prefix',
    instruction:
      'Write a function longest_common_prefix(words) that returns the longest string that every word in the list starts with (the empty string for an empty list).',
    prompt: String.raw`
def longest_common_prefix(words: list) -> str:
    """Return the longest string that every word in words starts with; the empty
    string when words is empty.
    >>> longest_common_prefix(['flower', 'flow', 'flight'])
    'fl'
    """
`,
    solution: String.raw`
    if not words:
        return ''
    prefix = words[0]
    for word in words[1:]:
        while not word.startswith(prefix):
            prefix = prefix[:-1]
    return prefix
`,
    check: String.raw`
def check(candidate):
    assert candidate(['flower', 'flow', 'flight']) == 'fl'
    assert candidate([]) == ''
    assert candidate(['same', 'same']) == 'same'
    assert candidate(['dog', 'racecar', 'car']) == ''
    assert candidate(['interview', 'internet', 'interval']) == 'inter'
`,
  }),
  problem({
    entryPoint: 'balanced_brackets',
    instruction:
      'Write a function balanced_brackets(text) that returns True when every (, [ and { in text is closed by the matching bracket in the right order; other characters are ignored.',
    prompt: String.raw`
def balanced_brackets(text: str) -> bool:
    """Return True when every (, [ and { in text is closed by its matching bracket
    in the right order. Other characters are ignored.
    >>> balanced_brackets('f(a[1]) {x}')
    True
    >>> balanced_brackets('([)]')
    False
    """
`,
    solution: String.raw`
    pairs = {')': '(', ']': '[', '}': '{'}
    stack = []
    for ch in text:
        if ch in '([{':
            stack.append(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return False
    return not stack
`,
    check: String.raw`
def check(candidate):
    assert candidate('f(a[1]) {x}') is True
    assert candidate('([)]') is False
    assert candidate('') is True
    assert candidate('((') is False
    assert candidate('())') is False
    assert candidate('{[()()]}') is True
`,
  }),
  problem({
    entryPoint: 'snake_to_camel',
    instruction:
      "Write a function snake_to_camel(name) that turns a snake_case identifier into camelCase: 'parse_http_reply' becomes 'parseHttpReply'. Leading, trailing and repeated underscores are dropped.",
    prompt: String.raw`
def snake_to_camel(name: str) -> str:
    """Turn a snake_case identifier into camelCase. Leading, trailing and
    repeated underscores are dropped.
    >>> snake_to_camel('parse_http_reply')
    'parseHttpReply'
    """
`,
    solution: String.raw`
    parts = [p for p in name.split('_') if p]
    if not parts:
        return ''
    head = parts[0].lower()
    tail = [p[0].upper() + p[1:].lower() for p in parts[1:]]
    return head + ''.join(tail)
`,
    check: String.raw`
def check(candidate):
    assert candidate('parse_http_reply') == 'parseHttpReply'
    assert candidate('x') == 'x'
    assert candidate('__init__') == 'init'
    assert candidate('get__user_ID') == 'getUserId'
    assert candidate('') == ''
`,
  }),
];
