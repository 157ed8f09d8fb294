import { parse, plan, celEnv } from "@bufbuild/cel";
const env = celEnv({});
const self = { minReplicas: 1n, maxReplicas: 5n, name: "abc", tags: ["a", "b"] };
for (const src of ["self.minReplicas <= self.maxReplicas", "self.name.matches('^[a-z]+$')", "size(self.tags) < 5", "true", "self.minReplicas", "self.tags.all(t, t.size() < 3)"]) {
  const p = plan(env, parse(src));
  const N = 200000;
  for (let i = 0; i < 1000; i++) p({ self });
  const t = performance.now();
  for (let i = 0; i < N; i++) p({ self });
  console.log(src.padEnd(40), ((performance.now() - t) * 1000 / N).toFixed(2), "us");
}
