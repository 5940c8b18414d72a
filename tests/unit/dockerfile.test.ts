import { describe, expect, it } from "vitest";
import { DockerfileError, exposedPort, planDockerfile, resolveCopy, substitute, type ContextEntry } from "@/lib/domain/dockerfile";

const file = (p: string, size = 1): ContextEntry => ({ path: p, type: "file", size, mode: 0o644 });
const dir = (p: string): ContextEntry => ({ path: p, type: "directory", size: 0, mode: 0o755 });

describe("planning a Dockerfile for the in-process builder", () => {
  it("plans the seed's Dockerfile", () => {
    const plan = planDockerfile('FROM openjdk:8-jdk-slim\nCOPY target/*.war /app.war\nENTRYPOINT ["java","-jar","/app.war"]\n');
    expect(plan).toEqual({ from: "openjdk:8-jdk-slim", copies: [{ line: 2, text: "COPY target/*.war /app.war", sources: ["target/*.war"], dest: "/app.war", chown: undefined }], config: { entrypoint: ["java", "-jar", "/app.war"] } });
  });

  it("substitutes ARG and ENV values, resolves WORKDIR, turns the shell form into sh -c", () => {
    const plan = planDockerfile('ARG JDK=17\nFROM eclipse-temurin:${JDK}-jre\nENV APP_HOME=/srv/app PORT=8080\nWORKDIR $APP_HOME\nWORKDIR lib\nCOPY build/ ./\nEXPOSE ${PORT} 9090/udp\nLABEL team="shop" tier=web\nUSER 1000\nCMD java -jar app.jar\n', { JDK: "21" });
    expect(plan.from).toBe("eclipse-temurin:21-jre");
    expect(plan.config).toEqual({
      env: { APP_HOME: "/srv/app", PORT: "8080" },
      workdir: "/srv/app/lib",
      exposedPorts: ["8080/tcp", "9090/udp"],
      labels: { team: "shop", tier: "web" },
      user: "1000",
      cmd: ["/bin/sh", "-c", "java -jar app.jar"],
    });
    expect(plan.copies[0].dest).toBe("/srv/app/lib/");
  });

  it("refuses RUN with its line, saying a builder is needed", () => {
    try {
      planDockerfile("FROM debian:12\n\nRUN apt-get update\n");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DockerfileError);
      expect((e as DockerfileError).line).toBe(3);
      expect((e as DockerfileError).needsBuilder).toBe(true);
      expect((e as Error).message).toMatch(/^Dockerfile line 3: RUN runs a command inside a container, which needs a builder/);
    }
  });

  it.each([
    ["", "Dockerfile line 1: the Dockerfile is empty"],
    ["COPY a /a\n", "Dockerfile line 1: COPY before FROM"],
    ["FROM a\nFROM b\n", "Dockerfile line 2: a second FROM (multi-stage build) needs a builder; the in-process builder makes single-stage images"],
    ["FROM a\nCOPY --from=build /x /x\n", "Dockerfile line 2: COPY --from copies from another stage or image, which needs a builder"],
    ["FROM a\nADD https://example.com/x.jar /x.jar\n", "Dockerfile line 2: ADD https://example.com/x.jar: downloading during a build is not supported; put the file in the build context and COPY it"],
    ["FROM a\nCOPY ../secret /x\n", "Dockerfile line 2: COPY ../secret: sources must be inside the build context"],
    ["FROM a\nEXPOSE http\n", "Dockerfile line 2: EXPOSE http: not a port like 8080 or 8080/tcp"],
    ["FORM a\n", "Dockerfile line 1: unknown instruction FORM"],
    ["ARG BASE\nFROM $BASE\n", "Dockerfile line 2: FROM $BASE: a build argument it uses has no value"],
  ])("%j → %s", (text, message) => {
    expect(() => planDockerfile(text)).toThrow(message);
  });

  it("substitutes $VAR, ${VAR}, ${VAR:-default} and keeps \\$", () => {
    expect(substitute("$A-${B}-${C:-c}-\\$D", { A: "a", B: "b" })).toBe("a-b-c-$D");
  });
});

describe("COPY on a listed context, with Docker's rules", () => {
  const ctx = [dir("target"), file("target/app-1.0.war"), file("target/notes.txt"), dir("web"), dir("web/css"), file("web/css/a.css"), file("web/index.html"), file("Dockerfile")];
  const copy = (sources: string[], dest: string) => resolveCopy({ line: 1, text: "COPY", sources, dest }, ctx).map((x) => [x.from.path, x.to]);

  it("a file to a path, a wildcard, a directory's contents, several sources into a directory", () => {
    expect(copy(["target/*.war"], "/app.war")).toEqual([["target/app-1.0.war", "/app.war"]]);
    expect(copy(["web"], "/usr/share/nginx/html")).toEqual([["web/css", "/usr/share/nginx/html/css"], ["web/css/a.css", "/usr/share/nginx/html/css/a.css"], ["web/index.html", "/usr/share/nginx/html/index.html"]]);
    expect(copy(["Dockerfile", "target/notes.txt"], "/src")).toEqual([["Dockerfile", "/src/Dockerfile"], ["target/notes.txt", "/src/notes.txt"]]);
    expect(copy(["target/app-1.0.war"], "/opt/")).toEqual([["target/app-1.0.war", "/opt/app-1.0.war"]]);
  });

  it("says which source is missing", () => {
    expect(() => copy(["build/*.jar"], "/app.jar")).toThrow("COPY: no file in the build context matches build/*.jar");
    expect(() => copy(["app.jar"], "/app.jar")).toThrow("COPY: app.jar is not in the build context");
  });
});

describe("the port a Dockerfile built in the cluster exposes", () => {
  it("is the last stage's first EXPOSE", () => {
    expect(exposedPort("FROM a AS build\nEXPOSE 9000\nFROM b\nRUN make\nEXPOSE 8080/tcp 8443\n")).toBe(8080);
    expect(exposedPort("FROM a\nEXPOSE 9000\nFROM b\n")).toBeUndefined();
    expect(exposedPort("FROM a\nEXPOSE $PORT\n")).toBeUndefined();
  });
});
