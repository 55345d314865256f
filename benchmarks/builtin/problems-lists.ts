/** Built-in problems on lists and dicts. */
import { problem, type BuiltinProblem } from './problem.js';

export const LIST_PROBLEMS: BuiltinProblem[] = [
  problem({
    entryPoint: 'second_largest',
    instruction:
      'Write a function second_largest(nums) that returns the second largest distinct value in the list, or None when there are fewer than two distinct values.',
    prompt: String.raw`
def second_largest(nums: list):
    """Return the second largest distinct value in nums, or None when nums has
    fewer than two distinct values.
    >>> second_largest([3, 1, 4, 4, 2])
    3
    """
`,
    solution: String.raw`
    largest = second = None
    for x in nums:
        if largest is None or x > largest:
            largest, second = x, largest
        elif x != largest and (second is None or x > second):
            second = x
    return second
`,
    check: String.raw`
def check(candidate):
    assert candidate([3, 1, 4, 4, 2]) == 3
    assert candidate([5, 5, 5]) is None
    assert candidate([]) is None
    assert candidate([-2, -7, -3]) == -3
    assert candidate([1, 9]) == 1
`,
  }),
  problem({
    entryPoint: 'rotate_left',
    instruction:
      'Write a function rotate_left(items, k) that returns a new list with the items rotated k places to the left (k may exceed the length or be negative; an empty list stays empty).',
    prompt: String.raw`
def rotate_left(items: list, k: int) -> list:
    """Return a new list with items rotated k places to the left. k may be larger
    than the list or negative (a right rotation).
    >>> rotate_left([1, 2, 3, 4, 5], 2)
    [3, 4, 5, 1, 2]
    """
`,
    solution: String.raw`
    if not items:
        return []
    k = k % len(items)
    return items[k:] + items[:k]
`,
    check: String.raw`
def check(candidate):
    assert candidate([1, 2, 3, 4, 5], 2) == [3, 4, 5, 1, 2]
    assert candidate([1, 2, 3], 3) == [1, 2, 3]
    assert candidate([1, 2, 3], 7) == [2, 3, 1]
    assert candidate([1, 2, 3], -1) == [3, 1, 2]
    assert candidate([], 4) == []
    original = [1, 2]
    candidate(original, 1)
    assert original == [1, 2]
`,
  }),
  problem({
    entryPoint: 'flatten',
    instruction: 'Write a function flatten(nested) that returns the elements of an arbitrarily nested list as one flat list, in order.',
    prompt: String.raw`
def flatten(nested: list) -> list:
    """Return the elements of an arbitrarily nested list as one flat list, in order.
    >>> flatten([1, [2, [3, 4]], [], 5])
    [1, 2, 3, 4, 5]
    """
`,
    solution: String.raw`
    flat = []
    for item in nested:
        if isinstance(item, list):
            flat.extend(flatten(item))
        else:
            flat.append(item)
    return flat
`,
    check: String.raw`
def check(candidate):
    assert candidate([1, [2, [3, 4]], [], 5]) == [1, 2, 3, 4, 5]
    assert candidate([]) == []
    assert candidate([[[['deep']]]]) == ['deep']
    assert candidate(['a', ['b', 'c'], 'd']) == ['a', 'b', 'c', 'd']
`,
  }),
  problem({
    entryPoint: 'chunk',
    instruction:
      'Write a function chunk(items, size) that splits the list into consecutive pieces of length size; the last piece may be shorter.',
    prompt: String.raw`
def chunk(items: list, size: int) -> list:
    """Split items into consecutive lists of length size; the last may be shorter.
    >>> chunk([1, 2, 3, 4, 5], 2)
    [[1, 2], [3, 4], [5]]
    """
`,
    solution: String.raw`
    pieces = []
    for start in range(0, len(items), size):
        pieces.append(items[start:start + size])
    return pieces
`,
    check: String.raw`
def check(candidate):
    assert candidate([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]
    assert candidate([], 3) == []
    assert candidate([1, 2, 3], 3) == [[1, 2, 3]]
    assert candidate([1, 2, 3], 1) == [[1], [2], [3]]
    assert candidate([1, 2], 5) == [[1, 2]]
`,
  }),
  problem({
    entryPoint: 'merge_sorted',
    instruction:
      'Write a function merge_sorted(a, b) that merges two ascending lists into one ascending list without calling sort or sorted.',
    prompt: String.raw`
def merge_sorted(a: list, b: list) -> list:
    """Merge two ascending lists into one ascending list.
    >>> merge_sorted([1, 4, 6], [2, 3, 7, 8])
    [1, 2, 3, 4, 6, 7, 8]
    """
`,
    solution: String.raw`
    merged = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            merged.append(a[i])
            i += 1
        else:
            merged.append(b[j])
            j += 1
    merged.extend(a[i:])
    merged.extend(b[j:])
    return merged
`,
    check: String.raw`
def check(candidate):
    assert candidate([1, 4, 6], [2, 3, 7, 8]) == [1, 2, 3, 4, 6, 7, 8]
    assert candidate([], [1, 2]) == [1, 2]
    assert candidate([1, 2], []) == [1, 2]
    assert candidate([1, 1, 3], [1, 2]) == [1, 1, 1, 2, 3]
    assert candidate([5], [-1]) == [-1, 5]
`,
  }),
  problem({
    entryPoint: 'dedupe',
    instruction: 'Write a function dedupe(items) that returns the items with later repeats removed, keeping the order of first appearance.',
    prompt: String.raw`
def dedupe(items: list) -> list:
    """Return items without repeats, keeping the order of first appearance.
    >>> dedupe([3, 1, 3, 2, 1])
    [3, 1, 2]
    """
`,
    solution: String.raw`
    seen = set()
    unique = []
    for item in items:
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return unique
`,
    check: String.raw`
def check(candidate):
    assert candidate([3, 1, 3, 2, 1]) == [3, 1, 2]
    assert candidate([]) == []
    assert candidate(['b', 'a', 'b', 'b']) == ['b', 'a']
    assert candidate([7, 7, 7]) == [7]
`,
  }),
  problem({
    entryPoint: 'running_sum',
    instruction:
      'Write a function running_sum(nums) that returns the list of prefix sums: element i is the sum of nums[0] through nums[i].',
    prompt: String.raw`
def running_sum(nums: list) -> list:
    """Return the prefix sums of nums: element i is nums[0] + ... + nums[i].
    >>> running_sum([1, 2, 3, 4])
    [1, 3, 6, 10]
    """
`,
    solution: String.raw`
    total = 0
    sums = []
    for x in nums:
        total += x
        sums.append(total)
    return sums
`,
    check: String.raw`
def check(candidate):
    assert candidate([1, 2, 3, 4]) == [1, 3, 6, 10]
    assert candidate([]) == []
    assert candidate([5]) == [5]
    assert candidate([3, -3, 3, -3]) == [3, 0, 3, 0]
`,
  }),
  problem({
    entryPoint: 'max_subarray_sum',
    instruction:
      'Write a function max_subarray_sum(nums) that returns the largest sum of a non-empty contiguous slice of a non-empty list of integers.',
    prompt: String.raw`
def max_subarray_sum(nums: list) -> int:
    """Return the largest sum of a non-empty contiguous slice of nums (nums is
    not empty).
    >>> max_subarray_sum([-2, 1, -3, 4, -1, 2, 1, -5, 4])
    6
    """
`,
    solution: String.raw`
    best = current = nums[0]
    for x in nums[1:]:
        current = max(x, current + x)
        best = max(best, current)
    return best
`,
    check: String.raw`
def check(candidate):
    assert candidate([-2, 1, -3, 4, -1, 2, 1, -5, 4]) == 6
    assert candidate([-3, -1, -2]) == -1
    assert candidate([5]) == 5
    assert candidate([2, -1, 2]) == 3
    assert candidate([1, 2, 3, -10, 4]) == 6
`,
  }),
  problem({
    entryPoint: 'group_by_length',
    instruction:
      'Write a function group_by_length(words) that returns a dict mapping each word length to the list of words of that length, in their original order.',
    prompt: String.raw`
def group_by_length(words: list) -> dict:
    """Return a dict mapping each word length to the words of that length, in
    their original order.
    >>> group_by_length(['ab', 'c', 'de', 'fgh'])
    {2: ['ab', 'de'], 1: ['c'], 3: ['fgh']}
    """
`,
    solution: String.raw`
    groups = {}
    for word in words:
        groups.setdefault(len(word), []).append(word)
    return groups
`,
    check: String.raw`
def check(candidate):
    assert candidate(['ab', 'c', 'de', 'fgh']) == {2: ['ab', 'de'], 1: ['c'], 3: ['fgh']}
    assert candidate([]) == {}
    assert candidate(['', 'x', '']) == {0: ['', ''], 1: ['x']}
    assert candidate(['same', 'size', 'word']) == {4: ['same', 'size', 'word']}
`,
  }),
  problem({
    entryPoint: 'invert_dict',
    instruction:
      'Write a function invert_dict(d) that returns a dict mapping each value of d to the sorted list of keys that have that value.',
    prompt: String.raw`
def invert_dict(d: dict) -> dict:
    """Return a dict mapping each value of d to the sorted list of the keys that
    have that value.
    >>> invert_dict({'a': 1, 'b': 2, 'c': 1})
    {1: ['a', 'c'], 2: ['b']}
    """
`,
    solution: String.raw`
    inverted = {}
    for key, value in d.items():
        inverted.setdefault(value, []).append(key)
    for keys in inverted.values():
        keys.sort()
    return inverted
`,
    check: String.raw`
def check(candidate):
    assert candidate({'a': 1, 'b': 2, 'c': 1}) == {1: ['a', 'c'], 2: ['b']}
    assert candidate({}) == {}
    assert candidate({'z': 0, 'y': 0, 'x': 0}) == {0: ['x', 'y', 'z']}
    assert candidate({1: 'one', 2: 'two'}) == {'one': [1], 'two': [2]}
`,
  }),
];
