import { parse, plan, celEnv, run, isCelError } from "@bufbuild/cel";
import { toJson } from "npm:@bufbuild/protobuf@2.17.0";
import { ParsedExprSchema } from "npm:@bufbuild/cel-spec@0.6.1/cel/expr/syntax_pb.js";
const src = Deno.args[0];
try {
  const p = parse(src);
  console.log(JSON.stringify(toJson(ParsedExprSchema, p), null, 1));
} catch (e) { console.log("ERR", e.message, Object.keys(e), e.location ?? ""); }
