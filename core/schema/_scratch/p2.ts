import { parse } from "@bufbuild/cel";
function show(e: any): string {
  const k = e.exprKind;
  switch (k.case) {
    case "constExpr": return `${k.value.constantKind.case}(${String(k.value.constantKind.value)})`;
    case "identExpr": return k.value.name;
    case "selectExpr": return `${show(k.value.operand)}.${k.value.testOnly ? "?has:" : ""}${k.value.field}`;
    case "callExpr": return `${k.value.target ? show(k.value.target) + "." : ""}${k.value.function}(${k.value.args.map(show).join(", ")})`;
    case "listExpr": return `[${k.value.elements.map(show).join(", ")}]`;
    case "structExpr": return `${k.value.messageName}{${k.value.entries.map((en: any) => (en.keyKind.case === "mapKey" ? show(en.keyKind.value) : en.keyKind.value) + ":" + show(en.value)).join(", ")}}`;
    case "comprehensionExpr": { const c = k.value; return `COMP(${c.iterVar} in ${show(c.iterRange)}; ${c.accuVar}=${show(c.accuInit)}; cond=${show(c.loopCondition)}; step=${show(c.loopStep)}; res=${show(c.result)})`; }
  }
  return "?" + k.case;
}
for (const src of ["a.exists_one(x, x > 1)", "a.map(x, x*2)", "a.map(x, x > 1, x*2)", "a.filter(x, x>1)", "a.exists(x, x>1)", "{'a': 1}", "b'x'", "1u", "a[0]", "x in [1]", "-a", "!a", "a ? 1 : 2", "a.b(1)", "r'\\d'", "1.0", "-1", "a.all(x, x)"]) {
  const p = parse(src);
  console.log(src, "=>", show(p.expr));
}
for (const src of ["self.foo >", "self..x", "1 +", "'abc", "self.foo does not", "a.?b", "a[?0]"]) {
  try { parse(src); console.log("OK??", src); } catch (e) { console.log(JSON.stringify(src), "=>", (e as Error).message, Object.getOwnPropertyNames(e)); }
}
