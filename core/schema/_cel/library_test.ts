// Copyright 2026 the k1s authors. Apache-2.0 license.
// The ports of apimachinery's resource.ParseQuantity, Go's net/url and net/netip that the CEL
// libraries stand on, with the results and error texts of the Go originals.
import { assertEquals } from "@std/assert";
import {
  addQuantity,
  compareQuantity,
  ERR_FORMAT,
  ERR_SUFFIX,
  parseQuantity,
  type Quantity,
  quantityAsFloat,
  quantityAsInt64,
  subQuantity,
} from "./quantity.ts";
import {
  parseRequestURI,
  parseURL,
  urlEscapedPath,
  urlHostname,
  urlPort,
  urlQuery,
} from "./url.ts";
import {
  addrString,
  isGlobalUnicast,
  isLinkLocalMulticast,
  parseAddr,
  parsePrefix,
  prefixContains,
  prefixString,
} from "./ip.ts";

function q(s: string): Quantity {
  const r = parseQuantity(s);
  if (r instanceof Error) throw r;
  return r;
}

Deno.test("parseQuantity() parses as resource.ParseQuantity", async (t) => {
  const cases: [string, string | bigint | undefined, number][] = [
    // [input, AsInt64 (or the error), approximate float]
    ["12Mi", 12582912n, 12582912],
    ["1.5G", 1500000000n, 1.5e9],
    ["50.703k", 50703n, 50703],
    ["100m", undefined, 0.1],
    ["1.0", undefined, 1], // a negative scale never converts
    ["1.5Gi", undefined, 1610612736], // the decimal path never converts
    ["-3e2", -300n, -300],
    ["Mi", 0n, 0], // the scanner accepts a bare suffix as zero
    ["10Mo", ERR_FORMAT, 0],
    ["10Mm", ERR_SUFFIX, 0],
    ["", ERR_FORMAT, 0],
  ];
  for (const [input, int, float] of cases) {
    await t.step(input || "(empty)", () => {
      const r = parseQuantity(input);
      if (typeof int === "string") {
        assertEquals(r instanceof Error && r.message, int);
        return;
      }
      assertEquals(quantityAsInt64(r as Quantity), int);
      assertEquals(quantityAsFloat(r as Quantity), float);
    });
  }
});

Deno.test("quantities compare and add exactly", () => {
  assertEquals(compareQuantity(q("200M"), q("0.2G")), 0);
  assertEquals(compareQuantity(q("50M"), q("50Mi")), -1);
  assertEquals(compareQuantity(addQuantity(q("50k"), q("20")), q("50.02k")), 0);
  assertEquals(compareQuantity(subQuantity(q("50k"), q("20")), q("49.98k")), 0);
  assertEquals(quantityAsInt64(addQuantity(q("9223372036854775807"), q("1"))), undefined);
});

Deno.test("parseRequestURI() and parseURL() split URLs as net/url", async (t) => {
  await t.step("an absolute URL", () => {
    const u = parseURL("https://user:pass@Example.com:80/a%20b/c?k1=a&k2=b&k2=c#frag");
    if (u instanceof Error) throw u;
    assertEquals(
      [u.scheme, u.host, urlHostname(u), urlPort(u), urlEscapedPath(u), u.fragment],
      ["https", "Example.com:80", "Example.com", "80", "/a%20b/c", "frag"],
    );
    assertEquals([...urlQuery(u)], [["k1", ["a"]], ["k2", ["b", "c"]]]);
  });
  await t.step("an IPv6 host", () => {
    const u = parseURL("https://[::1]:80/") as Exclude<ReturnType<typeof parseURL>, Error>;
    assertEquals([u.host, urlHostname(u), urlPort(u)], ["[::1]:80", "::1", "80"]);
  });
  const errors: [string, string][] = [
    ["../relative-path", 'parse "../relative-path": invalid URI for request'],
    ["https://a:b:c/", 'parse "https://a:b:c/": invalid port ":c" after host'],
    ["", 'parse "": empty url'],
    [":x", 'parse ":x": missing protocol scheme'],
    ["http://a\nb", 'parse "http://a\\nb": net/url: invalid control character in URL'],
  ];
  for (const [input, want] of errors) {
    await t.step(`rejects ${JSON.stringify(input)}`, () => {
      const r = parseRequestURI(input);
      assertEquals(r instanceof Error && r.message, want);
    });
  }
});

Deno.test("parseAddr() and parsePrefix() parse as net/netip", async (t) => {
  const ok: [string, string][] = [
    ["127.0.0.1", "127.0.0.1"],
    ["2001:DB8::0:0:0:abcd", "2001:db8::abcd"],
    ["::", "::"],
    ["::ffff:1.2.3.4", "::ffff:1.2.3.4"],
    ["fe80::1:0:0:0:1", "fe80:0:0:1::1"],
    ["1:0:0:2:0:0:0:3", "1:0:0:2::3"],
  ];
  for (const [input, want] of ok) {
    await t.step(input, () => assertEquals(addrString(parseAddr(input) as never), want));
  }
  const errors: [string, string][] = [
    ["127.0.0.256", 'ParseAddr("127.0.0.256"): IPv4 field has value >255'],
    ["127.0.0.01", 'ParseAddr("127.0.0.01"): IPv4 field has octet with leading zero'],
    ["1.2.3", 'ParseAddr("1.2.3"): IPv4 address too short'],
    [
      ":::1",
      'ParseAddr(":::1"): each colon-separated field must have at least one digit (at ":1")',
    ],
    ["abc", 'ParseAddr("abc"): unable to parse IP'],
  ];
  for (const [input, want] of errors) {
    await t.step(`rejects ${input}`, () => {
      const r = parseAddr(input);
      assertEquals(r instanceof Error && r.message, want);
    });
  }
  await t.step("prefixes", () => {
    const p = parsePrefix("192.168.0.1/24");
    if (p instanceof Error) throw p;
    assertEquals(prefixString(p), "192.168.0.1/24");
    assertEquals(prefixContains(p, parseAddr("192.168.0.200") as never), true);
    assertEquals(prefixContains(p, parseAddr("192.168.1.1") as never), false);
    const bad = parsePrefix("192.168.0.0/33");
    assertEquals(
      bad instanceof Error && bad.message,
      'netip.ParsePrefix("192.168.0.0/33"): prefix length out of range',
    );
  });
  await t.step("address classes", () => {
    assertEquals(isLinkLocalMulticast(parseAddr("ff02::1") as never), true);
    assertEquals(isGlobalUnicast(parseAddr("255.255.255.255") as never), false);
    assertEquals(isGlobalUnicast(parseAddr("10.0.0.1") as never), true);
  });
});
