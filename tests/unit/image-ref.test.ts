import { describe, expect, it } from "vitest";
import { formatImageRef, mirrored, parseImageRef } from "@/lib/domain/image-ref";

describe("image references, as Docker resolves them", () => {
  it.each([
    ["openjdk:8-jdk-slim", "docker.io/library/openjdk:8-jdk-slim"],
    ["redis", "docker.io/library/redis:latest"],
    ["bitnami/redis:7.2", "docker.io/bitnami/redis:7.2"],
    ["index.docker.io/library/nginx:1.27", "docker.io/library/nginx:1.27"],
    ["ghcr.io/org/app/web:v1", "ghcr.io/org/app/web:v1"],
    ["localhost:5000/demo", "localhost:5000/demo:latest"],
    ["127.0.0.1:5000/ns/app:v1.0", "127.0.0.1:5000/ns/app:v1.0"],
    [`nginx@sha256:${"a".repeat(64)}`, `docker.io/library/nginx@sha256:${"a".repeat(64)}`],
  ])("%s → %s", (input, want) => {
    expect(formatImageRef(parseImageRef(input))).toBe(want);
  });

  it("refuses what is not a reference, saying why", () => {
    expect(() => parseImageRef("Nginx")).toThrow(/lowercase/);
    expect(() => parseImageRef("nginx:")).toThrow(/not a valid tag/);
    expect(() => parseImageRef("nginx@sha256:abc")).toThrow(/digest/);
    expect(() => parseImageRef("my app")).toThrow(/not an image reference/);
  });

  it("fetches from the first mirror of the registry, if there is one", () => {
    const ref = parseImageRef("openjdk:8");
    expect(mirrored(ref, { "docker.io": ["http://127.0.0.1:5000"] }).host).toBe("http://127.0.0.1:5000");
    expect(mirrored(parseImageRef("ghcr.io/a/b"), { "docker.io": ["http://m"] }).host).toBe("ghcr.io");
  });
});
