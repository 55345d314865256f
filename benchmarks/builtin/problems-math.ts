/** Built-in problems on numbers, recursion and a few harder algorithms. */
import { problem, type BuiltinProblem } from './problem.js';

export const MATH_PROBLEMS: BuiltinProblem[] = [
  problem({
    entryPoint: 'gcd',
    instruction:
      'Write a function gcd(a, b) that returns the greatest common divisor of two non-negative integers (gcd(0, 0) is 0), without using the math module.',
    prompt: String.raw`
def gcd(a: int, b: int) -> int:
    """Return the greatest common divisor of two non-negative integers;
    gcd(0, 0) is 0.
    >>> gcd(12, 18)
    6
    """
`,
    solution: String.raw`
    while b:
        a, b = b, a % b
    return a
`,
    check: String.raw`
def check(candidate):
    assert candidate(12, 18) == 6
    assert candidate(17, 5) == 1
    assert candidate(0, 9) == 9
    assert candidate(9, 0) == 9
    assert candidate(0, 0) == 0
    assert candidate(2 ** 40, 6 ** 20) == 2 ** 20
`,
  }),
  problem({
    entryPoint: 'is_prime',
    instruction: 'Write a function is_prime(n) that returns True when the integer n is a prime number.',
    prompt: String.raw`
def is_prime(n: int) -> bool:
    """Return True when n is a prime number.
    >>> is_prime(7)
    True
    >>> is_prime(1)
    False
    """
`,
    solution: String.raw`
    if n < 2:
        return False
    divisor = 2
    while divisor * divisor <= n:
        if n % divisor == 0:
            return False
        divisor += 1
    return True
`,
    check: String.raw`
def check(candidate):
    assert candidate(7) is True
    assert candidate(1) is False
    assert candidate(0) is False
    assert candidate(-5) is False
    assert candidate(2) is True
    assert candidate(49) is False
    assert candidate(7919) is True
    assert [n for n in range(20) if candidate(n)] == [2, 3, 5, 7, 11, 13, 17, 19]
`,
  }),
  problem({
    entryPoint: 'fibonacci',
    instruction:
      'Write a function fibonacci(n) that returns the n-th Fibonacci number, with fibonacci(0) == 0 and fibonacci(1) == 1; it must be fast for n up to 1000.',
    prompt: String.raw`
def fibonacci(n: int) -> int:
    """Return the n-th Fibonacci number: fibonacci(0) == 0, fibonacci(1) == 1.
    Must be fast for n up to 1000.
    >>> fibonacci(10)
    55
    """
`,
    solution: String.raw`
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
`,
    check: String.raw`
def check(candidate):
    assert candidate(0) == 0
    assert candidate(1) == 1
    assert candidate(10) == 55
    assert [candidate(i) for i in range(8)] == [0, 1, 1, 2, 3, 5, 8, 13]
    assert candidate(300) % 1000000007 == 644264086
`,
  }),
  problem({
    entryPoint: 'digital_root',
    instruction:
      'Write a function digital_root(n) that repeatedly replaces the non-negative integer n by the sum of its decimal digits until a single digit remains, and returns that digit.',
    prompt: String.raw`
def digital_root(n: int) -> int:
    """Repeatedly replace the non-negative integer n by the sum of its digits
    until one digit remains; return it.
    >>> digital_root(9875)
    2
    """
`,
    solution: String.raw`
    if n < 10:
        return n
    total = 0
    while n:
        total += n % 10
        n //= 10
    return digital_root(total)
`,
    check: String.raw`
def check(candidate):
    assert candidate(9875) == 2
    assert candidate(0) == 0
    assert candidate(7) == 7
    assert candidate(10) == 1
    assert candidate(999999999999) == 9
`,
  }),
  problem({
    entryPoint: 'binary_search',
    instruction:
      'Write a function binary_search(items, target) that returns an index of target in the ascending list items, or -1 when it is absent, in O(log n) comparisons.',
    prompt: String.raw`
def binary_search(items: list, target: int) -> int:
    """Return the index of target in the ascending list items (whose values are
    distinct), or -1 when it is absent.
    >>> binary_search([1, 3, 5, 7, 9], 7)
    3
    """
`,
    solution: String.raw`
    low, high = 0, len(items) - 1
    while low <= high:
        mid = (low + high) // 2
        if items[mid] == target:
            return mid
        if items[mid] < target:
            low = mid + 1
        else:
            high = mid - 1
    return -1
`,
    check: String.raw`
def check(candidate):
    assert candidate([1, 3, 5, 7, 9], 7) == 3
    assert candidate([1, 3, 5, 7, 9], 1) == 0
    assert candidate([1, 3, 5, 7, 9], 9) == 4
    assert candidate([1, 3, 5, 7, 9], 4) == -1
    assert candidate([], 1) == -1
    items = list(range(0, 2000, 2))
    assert all(candidate(items, v) == v // 2 for v in items)
    assert candidate(items, 1999) == -1
`,
  }),
  problem({
    entryPoint: 'to_roman',
    instruction:
      'Write a function to_roman(n) that returns the Roman numeral for an integer from 1 to 3999, using subtractive forms such as IV and CM.',
    prompt: String.raw`
def to_roman(n: int) -> str:
    """Return the Roman numeral for 1 <= n <= 3999, with subtractive forms
    (IV, IX, XL, XC, CD, CM).
    >>> to_roman(1994)
    'MCMXCIV'
    """
`,
    solution: String.raw`
    numerals = [
        (1000, 'M'), (900, 'CM'), (500, 'D'), (400, 'CD'),
        (100, 'C'), (90, 'XC'), (50, 'L'), (40, 'XL'),
        (10, 'X'), (9, 'IX'), (5, 'V'), (4, 'IV'), (1, 'I'),
    ]
    out = ''
    for value, symbol in numerals:
        while n >= value:
            out += symbol
            n -= value
    return out
`,
    check: String.raw`
def check(candidate):
    assert candidate(1994) == 'MCMXCIV'
    assert candidate(1) == 'I'
    assert candidate(4) == 'IV'
    assert candidate(3999) == 'MMMCMXCIX'
    assert candidate(58) == 'LVIII'
    assert candidate(444) == 'CDXLIV'
`,
  }),
  problem({
    entryPoint: 'count_change',
    instruction:
      'Write a function count_change(amount, coins) that returns the number of ways to make amount from unlimited coins of the given distinct denominations (order does not matter; there is one way to make 0).',
    prompt: String.raw`
def count_change(amount: int, coins: list) -> int:
    """Return the number of ways to make amount from unlimited coins of the given
    distinct denominations; the order of coins does not matter, and there is one
    way to make 0.
    >>> count_change(5, [1, 2, 5])
    4
    """
`,
    solution: String.raw`
    ways = [1] + [0] * amount
    for coin in coins:
        for total in range(coin, amount + 1):
            ways[total] += ways[total - coin]
    return ways[amount]
`,
    check: String.raw`
def check(candidate):
    assert candidate(5, [1, 2, 5]) == 4
    assert candidate(0, [1, 2]) == 1
    assert candidate(3, [2]) == 0
    assert candidate(10, [10]) == 1
    assert candidate(100, [1, 5, 10, 25, 50]) == 292
    assert candidate(7, []) == 0
`,
  }),
  problem({
    entryPoint: 'transpose',
    instruction:
      'Write a function transpose(matrix) that returns the transpose of a rectangular matrix given as a list of rows (an empty matrix gives an empty list).',
    prompt: String.raw`
def transpose(matrix: list) -> list:
    """Return the transpose of a rectangular matrix given as a list of rows.
    >>> transpose([[1, 2, 3], [4, 5, 6]])
    [[1, 4], [2, 5], [3, 6]]
    """
`,
    solution: String.raw`
    if not matrix:
        return []
    rows, cols = len(matrix), len(matrix[0])
    result = []
    for c in range(cols):
        result.append([matrix[r][c] for r in range(rows)])
    return result
`,
    check: String.raw`
def check(candidate):
    assert candidate([[1, 2, 3], [4, 5, 6]]) == [[1, 4], [2, 5], [3, 6]]
    assert candidate([]) == []
    assert candidate([[7]]) == [[7]]
    assert candidate([[1], [2], [3]]) == [[1, 2, 3]]
`,
  }),
  problem({
    entryPoint: 'pascal_row',
    instruction: "Write a function pascal_row(n) that returns row n of Pascal's triangle as a list, row 0 being [1].",
    prompt: String.raw`
def pascal_row(n: int) -> list:
    """Return row n of Pascal's triangle; row 0 is [1].
    >>> pascal_row(4)
    [1, 4, 6, 4, 1]
    """
`,
    solution: String.raw`
    row = [1]
    for _ in range(n):
        row = [1] + [row[i] + row[i + 1] for i in range(len(row) - 1)] + [1]
    return row
`,
    check: String.raw`
def check(candidate):
    assert candidate(0) == [1]
    assert candidate(1) == [1, 1]
    assert candidate(4) == [1, 4, 6, 4, 1]
    assert sum(candidate(20)) == 2 ** 20
    assert candidate(30)[15] == 155117520
`,
  }),
  problem({
    entryPoint: 'longest_increasing_subsequence',
    instruction:
      'Write a function longest_increasing_subsequence(nums) that returns the length of the longest strictly increasing subsequence of nums (not necessarily contiguous).',
    prompt: String.raw`
def longest_increasing_subsequence(nums: list) -> int:
    """Return the length of the longest strictly increasing subsequence of nums
    (its elements need not be adjacent).
    >>> longest_increasing_subsequence([10, 9, 2, 5, 3, 7, 101, 18])
    4
    """
`,
    solution: String.raw`
    tails = []
    for x in nums:
        low, high = 0, len(tails)
        while low < high:
            mid = (low + high) // 2
            if tails[mid] < x:
                low = mid + 1
            else:
                high = mid
        if low == len(tails):
            tails.append(x)
        else:
            tails[low] = x
    return len(tails)
`,
    check: String.raw`
def check(candidate):
    assert candidate([10, 9, 2, 5, 3, 7, 101, 18]) == 4
    assert candidate([]) == 0
    assert candidate([7, 7, 7]) == 1
    assert candidate([1, 2, 3, 4]) == 4
    assert candidate([4, 3, 2, 1]) == 1
    assert candidate([0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15]) == 6
`,
  }),
  problem({
    entryPoint: 'eval_rpn',
    instruction:
      'Write a function eval_rpn(tokens) that evaluates an expression in reverse Polish notation given as a list of tokens: integers and the operators +, -, * and / (division truncates toward zero).',
    prompt: String.raw`
def eval_rpn(tokens: list) -> int:
    """Evaluate an expression in reverse Polish notation. Tokens are integers
    (as strings) and the operators +, -, * and /; division truncates toward zero.
    >>> eval_rpn(['2', '1', '+', '3', '*'])
    9
    """
`,
    solution: String.raw`
    stack = []
    for token in tokens:
        if token in ('+', '-', '*', '/'):
            right = stack.pop()
            left = stack.pop()
            if token == '+':
                stack.append(left + right)
            elif token == '-':
                stack.append(left - right)
            elif token == '*':
                stack.append(left * right)
            else:
                stack.append(int(left / right))
        else:
            stack.append(int(token))
    return stack[0]
`,
    check: String.raw`
def check(candidate):
    assert candidate(['2', '1', '+', '3', '*']) == 9
    assert candidate(['4', '13', '5', '/', '+']) == 6
    assert candidate(['7', '-2', '/']) == -3
    assert candidate(['5', '1', '2', '+', '4', '*', '+', '3', '-']) == 14
    assert candidate(['42']) == 42
`,
  }),
];
