// Stand-in base images made here, for the tests and the benchmark: no image can be pulled from
// the internet. A base is Debian's busybox-static (/bin/busybox) as a one-layer image,
// labelled as what it really is. Pushed under docker.io's "library/" names in the local
// registry, which mirrors docker.io, so `FROM openjdk:8-jdk-slim` resolves as written.
import { statSync } from "node:fs";
import { buildImage } from "../lib/registry/build-image";
import { RegistryClient, type Credentials } from "../lib/registry/client";

export const BASE_NAMES = ["library/openjdk:8-jdk-slim", "library/tomcat:10.1-jre17", "library/nginx:1.27-alpine"];

const quiet = { step() {}, log() {} };

/** A one-layer busybox image pushed as repo:tag. */
export async function pushBusybox(registryUrl: string, repoTag: string, credentials?: Credentials) {
  const [repo, tag] = repoTag.split(":");
  const size = statSync("/bin/busybox").size;
  return buildImage(
    {
      base: "scratch",
      target: { client: new RegistryClient(registryUrl, credentials), repo, tag },
      layers: [{ createdBy: "busybox-static (Debian)", files: [{ path: "/bin/busybox", type: "file", mode: 0o755, size, from: "/bin/busybox" }, { path: "/bin/sh", type: "symlink", linkname: "busybox" }] }],
      config: { cmd: ["/bin/sh"], env: { PATH: "/usr/local/bin:/usr/bin:/bin" }, labels: { "dev.berth.test-base": `busybox-static standing in for ${repoTag}; not the upstream image` } },
    },
    quiet,
  );
}
