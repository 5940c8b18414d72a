// A cookie of a request, read from its headers (the `cookie` package parses the header the
// way browsers send it), so the same code serves a Request and Next's own request headers.
import { parse } from "cookie";

export function requestCookie(h: Headers, name: string): string | undefined {
  const header = h.get("cookie");
  return header ? parse(header)[name] : undefined;
}
