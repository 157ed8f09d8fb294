import { parse, plan, celEnv, isCelError, celMethod, listType, CelScalar } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
const env = celEnv({ funcs: strings });
const cases: [string, Record<string, unknown>][] = [
  ["self.?foo.orValue(5)", { self: { bar: 1n } }],
  ["self.?foo.hasValue()", { self: { foo: 1n } }],
  ["optional.of(1).value()", {}],
  ["type(self.x) == int", { self: { x: 1n } }],
  ["type(self.x) == string", { self: { x: "a" } }],
  ["timestamp('2024-01-01T00:00:00Z') < timestamp('2024-01-02T00:00:00Z')", {}],
  ["duration('1h') > duration('30m')", {}],
  ["timestamp('2024-01-01T00:00:00Z').getFullYear()", {}],
  ["'a,b'.split(',')", {}],
  ["['a','b'].join('-')", {}],
  ["'hello'.charAt(1)", {}],
  ["1/0", {}],
  ["9223372036854775807 + 1", {}],
  ["[1,2][5]", {}],
  ["self.x", { self: {} }],
  ["{'a':1}['b']", {}],
  ["self.x.exists_one(y, y == 1)", { self: { x: [1n, 2n] } }],
  ["self.x.map(y, y * 2)", { self: { x: [1n, 2n] } }],
  ["self.x.filter(y, y > 1)", { self: { x: [1n, 2n] } }],
  ["1 == 1.0", {}],
  ["'abc'.matches('^a')", {}],
  ["size('héllo')", {}],
  ["self == oldSelf", { self: { a: 1n }, oldSelf: { a: 1n } }],
  ["[1,2] == [1,2]", {}],
  ["'%s is %d'.format(['a', 1])", {}],
  ["self.a + 1", { self: { a: 1 } }],
  ["int('12')", {}],
  ["dyn(1) + 2", {}],
  ["'abc'.substring(1, 2)", {}],
  ["'x'.lastIndexOf('x')", {}],
  ["1 < 2.5", {}],
  ["[1,2,3].all(x, x > 0)", {}],
  ["self.a.b", { self: { a: null } }],
  ["null == self.a", { self: { a: null } }],
];
for (const [src, vars] of cases) {
  try {
    const p = plan(env, parse(src));
    const r = p(vars as never);
    console.log(src.padEnd(60), isCelError(r) ? "ERROR " + r.message : r);
  } catch (e) { console.log(src.padEnd(60), "THROW", (e as Error).message); }
}
