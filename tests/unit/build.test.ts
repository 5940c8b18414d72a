import { describe, expect, it } from "vitest";
import { artifactPlan, buildFields, gitRef, gitSubdir, gitUrl, parseEnvLines } from "@/lib/domain/build";
import { pullSecret, registryInput } from "@/lib/domain/registry";

describe("artifact builds", () => {
  it("a jar runs with java -jar and the JVM options, on 8080 by default", () => {
    expect(artifactPlan("jar", "eclipse-temurin:17-jre", { jvmOptions: "-Xmx512m  -Dx=1" })).toEqual({
      dest: "/app/app.jar",
      config: { workdir: "/app", entrypoint: ["java", "-Xmx512m", "-Dx=1", "-jar", "/app/app.jar"], cmd: undefined, exposedPorts: ["8080/tcp"], env: undefined },
    });
  });
  it("a war on Tomcat becomes ROOT.war and keeps Tomcat's own start; on a JRE it runs like the seed's", () => {
    expect(artifactPlan("war", "tomcat:10.1-jre17", { port: 8080, jvmOptions: "-Xmx1g" })).toEqual({ dest: "/usr/local/tomcat/webapps/ROOT.war", config: { exposedPorts: ["8080/tcp"], env: { CATALINA_OPTS: "-Xmx1g" } } });
    expect(artifactPlan("war", "openjdk:8-jdk-slim", {}).config.entrypoint).toEqual(["java", "-jar", "/app/app.war"]);
  });
  it("a static site goes to nginx's html folder on port 80", () => {
    expect(artifactPlan("static", "nginx:1.27-alpine", { env: { A: "1" } })).toEqual({ dest: "/usr/share/nginx/html", config: { exposedPorts: ["80/tcp"], env: { A: "1" } } });
  });
  it("reads KEY=value lines, skipping blanks and comments", () => {
    expect(parseEnvLines("A=1\n\n# note\nB=x=y\n")).toEqual({ A: "1", B: "x=y" });
  });
  it("validates the form: kind for artifacts, a Git URL for Git, repository:tag", () => {
    expect(buildFields.safeParse({ source: "artifact", image: "a:1" }).error?.issues[0].path).toEqual(["kind"]);
    expect(buildFields.safeParse({ source: "git", image: "a:1" }).error?.issues[0].path).toEqual(["gitUrl"]);
    expect(buildFields.safeParse({ source: "dockerfile", image: "Java-Demo" }).error?.issues[0].message).toBe("Image must be repository:tag, like java-demo:v1.0");
    expect(buildFields.parse({ source: "dockerfile", image: "team/java-demo:v1.0" }).registry).toBe("local");
  });
});

describe("Git sources", () => {
  it("takes http(s), ssh and scp-like URLs; refuses file://, local paths and other transports", () => {
    for (const ok of ["https://github.com/team/app.git", "http://git.local/app", "ssh://git@host/app.git", "git@github.com:team/app.git"]) expect(gitUrl.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["file:///etc", "/srv/repo", "../repo", "ext::sh -c id", "-uhttps://x", "git://host/app"]) expect(gitUrl.safeParse(bad).success, bad).toBe(false);
  });
  it("takes branch, tag and commit names, and relative subdirectories only", () => {
    expect(gitRef.safeParse("release/1.2").success).toBe(true);
    expect(gitRef.safeParse("--upload-pack=x").success).toBe(false);
    expect(gitRef.safeParse("a..b").success).toBe(false);
    expect(gitSubdir.safeParse("services/api").success).toBe(true);
    expect(gitSubdir.safeParse("../etc").success).toBe(false);
    expect(gitSubdir.safeParse("/etc").success).toBe(false);
  });
});

describe("registries", () => {
  it("takes a host and makes it https://, refuses paths and embedded passwords", () => {
    expect(registryInput.parse({ name: "harbor", url: "harbor.example.com" }).url).toBe("https://harbor.example.com");
    expect(registryInput.safeParse({ name: "x", url: "https://u:p@host" }).success).toBe(false);
    expect(registryInput.safeParse({ name: "x", url: "ftp://host" }).success).toBe(false);
    expect(registryInput.safeParse({ name: "local", url: "https://host" }).error?.issues[0].message).toMatch(/"local" is the local cluster's own registry/);
    expect(registryInput.safeParse({ name: "x", url: "https://host", password: "p" }).error?.issues[0].message).toBe("A password needs a username");
  });
  it("becomes a dockerconfigjson pull Secret keyed by the registry host", () => {
    const s = pullSecret("harbor", "https://harbor.example.com:8443", "robot", "tok");
    expect(s.metadata?.name).toBe("registry-harbor");
    expect(s.type).toBe("kubernetes.io/dockerconfigjson");
    expect(JSON.parse(Buffer.from(s.data![".dockerconfigjson"], "base64").toString())).toEqual({ auths: { "harbor.example.com:8443": { username: "robot", password: "tok", auth: Buffer.from("robot:tok").toString("base64") } } });
  });
});
