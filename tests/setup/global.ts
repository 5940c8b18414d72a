// One real environment for every integration and end-to-end test:
//   - the local control plane (kube-apiserver, controller-manager, scheduler, etcd, kwok nodes),
//   - a fresh database on a real PostgreSQL, migrated with the committed history,
//   - a real OpenID Connect provider (tests/support/oidc-idp.ts) the console signs in with,
//   - the production build of the console, served on a free port.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { down, up } from "../../scripts/cluster/cluster";
import { generateClient, migrate } from "../../scripts/db";
import { buildConsole, repo, serveConsole, waitForHttp } from "../../scripts/next";
import { CONSOLE_LOG, consoleLogStdio, recordSecret, SECRETS_FILE } from "../support/secret-log";
import { freePort } from "../../lib/db/embedded";
import { createTestDatabase } from "../../scripts/postgres";
import { IDP_CLIENT_ID, startIdp } from "../support/oidc-idp";
import { pushBusybox, TEST_BASES } from "../support/images";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    clusterDir: string;
    adminKubeconfig: string;
    baseUrl: string;
    nextauthSecret: string;
    idpIssuer: string;
    /** host:port of the local cluster's OCI registry (bases under library/… pushed). */
    registry: string;
    secretKey: string;
    buildDir: string;
  }
}

/** The console under test takes uploads up to this size (BERTH_MAX_UPLOAD), so "too large" is quick to provoke. */
export const TEST_MAX_UPLOAD = 24 * 1024 * 1024;

/**
 * The test cluster places pods on the simulated nodes unless their namespace asks for the real
 * node (tests/support/teams.ts, `realNode`): most tests deploy images that exist nowhere and
 * need only the scheduler and a kubelet stand-in; the real-node tests run things for real.
 * Kubernetes' own PodNodeSelector and PodTolerationRestriction admission plugins do it.
 */
export const TEST_ADMISSION_CONFIG = path.join(repo, ".berth", "test-admission.yaml");
const TEST_ADMISSION = `apiVersion: apiserver.config.k8s.io/v1
kind: AdmissionConfiguration
plugins:
- name: PodNodeSelector
  configuration:
    podNodeSelectorPluginConfig:
      clusterDefaultNodeSelector: type=kwok
- name: PodTolerationRestriction
  configuration:
    apiVersion: podtolerationrestriction.admission.k8s.io/v1alpha1
    kind: Configuration
    default:
    - key: kwok.x-k8s.io/node
      operator: Exists
      effect: NoSchedule
`;

export const TEST_APISERVER_ARGS = ["--watch-cache-sizes=configmaps#0", `--admission-control-config-file=${TEST_ADMISSION_CONFIG}`];
/** The tests' own build directory: a test run never replaces the build a running `npm start` serves. */
export const TEST_DIST_DIR = ".next-test";

const log = (m: string) => process.stderr.write(`[setup] ${m}\n`);

export default async function setup(project: TestProject) {
  const clusterDir = path.join(repo, ".berth", "test-cluster");
  process.env.BERTH_CLUSTER_DIR = clusterDir;
  delete process.env.KUBECONFIG;

  mkdirSync(path.dirname(TEST_ADMISSION_CONFIG), { recursive: true });
  writeFileSync(TEST_ADMISSION_CONFIG, TEST_ADMISSION);
  log("starting the local control plane for tests…");
  // ConfigMaps bypass the apiserver's watch cache here, so a test can compact etcd and get a real 410 Gone.
  const cluster = await up({ nodes: 3, apiserverArgs: TEST_APISERVER_ARGS });
  log(`cluster ${cluster.server}, registry ${cluster.registry}`);
  if (cluster.noRealNode) log(`WARNING: no real node (${cluster.noRealNode}): the real-node tests will fail`);
  for (const base of TEST_BASES) await pushBusybox(`http://${cluster.registry}`, base);
  log(`pushed the test bases (busybox-static) to ${cluster.registry}: ${TEST_BASES.join(", ")}`);

  const database = await createTestDatabase();
  generateClient();
  await migrate(database.url);
  log(`database ${new URL(database.url).pathname.slice(1)} migrated`);

  const nextauthSecret = randomBytes(32).toString("base64url");
  const secretKey = randomBytes(32).toString("base64url");
  // Builds keep their temporary files here, so a test can check none are left behind.
  const buildDir = path.join(repo, ".berth", "test-builds");
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(buildDir, { recursive: true });
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const idp = await startIdp(baseUrl);
  log(`OpenID Connect provider ${idp.issuer}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: nextauthSecret,
    NEXTAUTH_URL: baseUrl,
    BERTH_CLUSTER_DIR: clusterDir,
    NODE_ENV: "production",
    BERTH_NEXT_DIST_DIR: TEST_DIST_DIR,
    // The tests stand in for one reverse proxy: the address they put last in X-Forwarded-For counts.
    BERTH_TRUSTED_PROXIES: "1",
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: IDP_CLIENT_ID,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_NAME: "Test IdP",
    BERTH_SECRET_KEY: secretKey,
    BERTH_BUILD_DIR: buildDir,
    BERTH_MAX_UPLOAD: String(TEST_MAX_UPLOAD),
  };
  delete env.KUBECONFIG;
  buildConsole(env, log);
  // its log is kept for the last check of a full run: no secret of the run in it
  rmSync(CONSOLE_LOG, { force: true });
  rmSync(SECRETS_FILE, { force: true });
  for (const secret of [nextauthSecret, secretKey, idp.clientSecret]) recordSecret(secret);
  const server: ChildProcess = serveConsole(env, port, process.env.BERTH_TEST_SERVER_LOG ? "inherit" : consoleLogStdio());
  await waitForHttp(`${baseUrl}/healthz`, 60_000);
  log(`console ${baseUrl}`);

  project.provide("databaseUrl", database.url);
  project.provide("clusterDir", clusterDir);
  project.provide("adminKubeconfig", cluster.adminKubeconfig);
  project.provide("baseUrl", baseUrl);
  project.provide("nextauthSecret", nextauthSecret);
  project.provide("idpIssuer", idp.issuer);
  project.provide("registry", cluster.registry);
  project.provide("secretKey", secretKey);
  project.provide("buildDir", buildDir);

  return async () => {
    server.kill("SIGTERM");
    await idp.stop();
    await database.drop().catch((e) => log(`could not drop the test database: ${(e as Error).message}`));
    if (!process.env.BERTH_TEST_KEEP_CLUSTER) await down({ quiet: true });
  };
}
