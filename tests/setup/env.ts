// Points lib/ at the environment global.ts started, inside each test worker.
import { inject } from "vitest";
import { resetKubeConfigCache } from "../../lib/k8s/config";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.BERTH_CLUSTER_DIR = inject("clusterDir");
process.env.NEXTAUTH_SECRET = inject("nextauthSecret");
process.env.BERTH_SECRET_KEY = inject("secretKey");
delete process.env.KUBECONFIG;
resetKubeConfigCache();
