import { parse } from "@bufbuild/cel";
try { parse("self.foo\n  > "); } catch (e: any) { console.log(e.rawMessage, JSON.stringify(e.location), e.found, e.expected?.length); }
const p = parse("a &&\n b.c");
console.log(JSON.stringify(p.sourceInfo, (k,v)=>typeof v==="bigint"?String(v):v));
