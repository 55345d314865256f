/**
 * evalplus's MBPP+ input deserialization, reproduced. JSON cannot hold tuples, sets or
 * complex numbers, so evalplus stores them as lists or strings and converts them back
 * for some task ids when it loads the file (`mbpp_deserialize_inputs` in
 * evalplus/data/mbpp.py of the MBPP+ v0.1.0 era; the two revisions read agree). Each
 * branch below mirrors one branch there, including its quirks:
 * Mbpp/115 turns empty lists *and dicts* into `{}` (a dict), Mbpp/124 builds argument
 * tuples, and `tuple(x)` of a string is a tuple of characters. Pure: no I/O.
 */
import { json, type PyValue } from './python-literal.js';

export class DeserializeError extends Error {}

/** The elements of a Python list/tuple value (what `for x in v` iterates over). */
function itemsOf(v: PyValue): PyValue[] {
  if (v.py === 'list' || v.py === 'tuple') return v.items;
  if (v.py === 'json' && v.node.t === 'arr') return v.node.items.map(json);
  throw new DeserializeError(`expected a list, found ${describe(v)}`);
}

function at(v: PyValue, i: number): PyValue {
  const items = itemsOf(v);
  if (i >= items.length) throw new DeserializeError(`expected a list of at least ${i + 1} items, found ${items.length}`);
  return items[i]!;
}

/** Python's `tuple(v)`: a list becomes a tuple of its items; anything else stays a call. */
function tupleOf(v: PyValue): PyValue {
  if (v.py === 'list' || v.py === 'tuple' || (v.py === 'json' && v.node.t === 'arr')) return { py: 'tuple', items: itemsOf(v) };
  return { py: 'call', fn: 'tuple', arg: v };
}

const isList = (v: PyValue): boolean => v.py === 'list' || (v.py === 'json' && v.node.t === 'arr');
const list = (items: PyValue[]): PyValue => ({ py: 'list', items });
const tuple = (items: PyValue[]): PyValue => ({ py: 'tuple', items });

function describe(v: PyValue): string {
  return v.py === 'json'
    ? { num: 'a number', nonfinite: 'a number', str: 'a string', bool: 'a boolean', null: 'null', arr: 'a list', obj: 'an object' }[
        v.node.t
      ]
    : `a ${v.py}`;
}

function allListsToTuples(v: PyValue): PyValue {
  return isList(v) ? tuple(itemsOf(v).map(allListsToTuples)) : v;
}

// Task-id groups, exactly as in evalplus (ids absent from a given snapshot are harmless).
const TUPLE_EACH_ARG = [2, 116, 132, 143, 222, 261, 273, 394, 399, 421, 424, 429, 470, 560, 579, 596, 616, 630, 726, 740, 744, 809];
const TUPLE_EACH_INNER = [63, 64, 70, 94, 120, 237, 272, 299, 400, 409, 417, 438, 473, 614, 780];
const TUPLE_INNER_OF_FIRST = [75, 413, 444, 753];
const TUPLE_SECOND = [106, 750];
const TUPLE_FIRST = [250, 405, 446, 617, 720, 763, 808];
const TUPLE_INNER_THEN_ARGS = [259, 401, 445];
const ALL_LISTS_TO_TUPLES = [580, 615, 791];

type Deserializer = (inp: PyValue) => PyValue;

const eachArgTuple: Deserializer = (inp) => list(itemsOf(inp).map(tupleOf));
const eachInnerTuple: Deserializer = (inp) => list(itemsOf(inp).map((lstLst) => list(itemsOf(lstLst).map(tupleOf))));

function deserializerFor(taskNumber: number): Deserializer | null {
  if (TUPLE_EACH_ARG.includes(taskNumber)) return eachArgTuple; // [tuple(lst) for lst in inp]
  if (TUPLE_EACH_INNER.includes(taskNumber)) return eachInnerTuple; // [[tuple(lst) for lst in lst_lst] for lst_lst in inp]
  if (TUPLE_INNER_OF_FIRST.includes(taskNumber)) {
    return (inp) => list([list(itemsOf(at(inp, 0)).map(tupleOf)), at(inp, 1)]); // [[tuple(lst) for lst in inp[0]]] + [inp[1]]
  }
  if (TUPLE_SECOND.includes(taskNumber)) return (inp) => list([at(inp, 0), tupleOf(at(inp, 1))]); // [inp[0]] + [tuple(inp[1])]
  if (taskNumber === 115) {
    // [[set(item) if isinstance(item, list) and len(item) else {} for item in inp[0]]]
    return (inp) =>
      list([
        list(
          itemsOf(at(inp, 0)).map((item): PyValue =>
            isList(item) && itemsOf(item).length > 0 ? { py: 'set', items: itemsOf(item) } : { py: 'empty-dict' },
          ),
        ),
      ]);
  }
  if (taskNumber === 124)
    return (inp) =>
      tuple([
        { py: 'call', fn: 'float', arg: at(inp, 0) },
        { py: 'call', fn: 'complex', arg: at(inp, 1) },
      ]); // (float(inp[0]), complex(inp[1]))
  if (TUPLE_FIRST.includes(taskNumber)) return (inp) => list([tupleOf(at(inp, 0)), at(inp, 1)]); // [tuple(inp[0])] + [inp[1]]
  if (TUPLE_INNER_THEN_ARGS.includes(taskNumber)) return (inp) => eachArgTuple(eachInnerTuple(inp));
  if (taskNumber === 278) {
    // [[tuple(item) if isinstance(item, list) else item for item in inp[0]]], then [tuple(lst) for lst in inp]
    return (inp) => eachArgTuple(list([list(itemsOf(at(inp, 0)).map((item) => (isList(item) ? tupleOf(item) : item)))]));
  }
  if (taskNumber === 307) return (inp) => list([tupleOf(at(inp, 0)), at(inp, 1), at(inp, 2)]); // [tuple(inp[0])] + [inp[1], inp[2]]
  if (taskNumber === 722) {
    // [{key: tuple(value) for key, value in inp[0].items()}] + inp[1:]
    return (inp) => {
      const first = at(inp, 0);
      if (first.py !== 'json' || first.node.t !== 'obj')
        throw new DeserializeError(`expected an object as the first argument, found ${describe(first)}`);
      const entries = first.node.entries.map(([k, v]): [PyValue, PyValue] => [json({ t: 'str', value: k }), tupleOf(json(v))]);
      return list([{ py: 'dict', entries }, ...itemsOf(inp).slice(1)]);
    };
  }
  if (taskNumber === 252) return (inp) => list([{ py: 'call', fn: 'complex', arg: at(inp, 0) }]); // [complex(inp[0])]
  if (ALL_LISTS_TO_TUPLES.includes(taskNumber)) return allListsToTuples; // turn_all_list_into_tuple(inp)
  return null;
}

/** The task's number in "Mbpp/123". */
function mbppNumber(taskId: string): number {
  return Number.parseInt(taskId.split('/').pop() ?? '', 10);
}

/** The argument lists of one task, deserialized as evalplus does. Throws DeserializeError on a shape mismatch. */
export function deserializeMbppInputs(taskId: string, inputs: PyValue[]): PyValue[] {
  const convert = deserializerFor(mbppNumber(taskId));
  return convert ? inputs.map(convert) : inputs;
}
