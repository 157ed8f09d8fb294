import { parse, plan, celEnv, isCelError, celList, celMap, CelScalar, mapType } from "@bufbuild/cel";
const env = celEnv({});
const p1 = plan(env, parse("self.minReplicas <= self.maxReplicas"));
const p2 = plan(env, parse("self.name.matches('^[a-z]+$') && size(self.tags) < 5"));
const self = { minReplicas: 1n, maxReplicas: 5n, name: "abc", tags: ["a", "b"] };
let t = performance.now();
const N = 200000;
for (let i = 0; i < N; i++) {
  const r1 = p1({ self }); const r2 = p2({ self });
  if (r1 !== true || r2 !== true) throw new Error(String(r1) + String(r2));
}
let dt = performance.now() - t;
console.log("plain obj", (dt * 1000 / N).toFixed(2), "us per pair");
t = performance.now();
for (let i = 0; i < N; i++) {
  const m = new Map(Object.entries(self));
  const r1 = p1({ self: m }); const r2 = p2({ self: m });
  if (r1 !== true || r2 !== true) throw new Error(String(r1) + String(r2));
}
dt = performance.now() - t;
console.log("map", (dt * 1000 / N).toFixed(2), "us per pair");
console.log(p1({self: {minReplicas: 1n}}));
console.log(String(p1({self: {minReplicas: 1n}})));
console.log(p1({self: {minReplicas: 1, maxReplicas: 2n}}));
t = performance.now();
for (let i = 0; i < 2000; i++) { plan(env, parse("self.name.matches('^[a-z]+$') && size(self.tags) < 5 && self.x.all(y, y > 2)")); }
console.log("parse+plan", ((performance.now() - t) / 2000 * 1000).toFixed(1), "us");
