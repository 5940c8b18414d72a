// A real validating admission webhook the apiserver calls, for tests that need a write to stay
// in flight: dry-run requests are allowed at once, a real CREATE of the chosen resource in the
// chosen namespace is held (never answered) until the webhook is removed. Its serving
// certificate comes from a throwaway CA made with openssl (scripts/cluster/pki.ts).
import { AdmissionregistrationV1Api } from "@kubernetes/client-node";
import { mkdtempSync, readFileSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createCa, issue } from "../../scripts/cluster/pki";
import { adminKubeConfig } from "./cluster";

export async function holdingWebhook(namespace: string, resource: string) {
  const pki = createCa(mkdtempSync(path.join(os.tmpdir(), "berth-webhook-")));
  const cert = issue(pki, "webhook", { cn: "webhook", server: { ips: ["127.0.0.1"], dns: ["localhost"] } });
  const held: { name: string; res: import("node:http").ServerResponse }[] = [];
  let hit: () => void = () => undefined;
  const firstHold = new Promise<string>((r) => (hit = () => r(held[0].name)));
  const server = https.createServer({ cert: readFileSync(cert.cert), key: readFileSync(cert.key) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const review = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { request: { uid: string; dryRun?: boolean; name?: string; object?: { metadata?: { name?: string } } } };
      if (review.request.dryRun) {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview", response: { uid: review.request.uid, allowed: true } }));
        return;
      }
      held.push({ name: review.request.name ?? review.request.object?.metadata?.name ?? "", res });
      if (held.length === 1) hit();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  const api = adminKubeConfig().makeApiClient(AdmissionregistrationV1Api);
  const name = `berth-test-hold-${namespace}`;
  await api.createValidatingWebhookConfiguration({
    body: {
      metadata: { name },
      webhooks: [{
        name: "hold.berth.test",
        admissionReviewVersions: ["v1"],
        sideEffects: "None",
        failurePolicy: "Fail",
        timeoutSeconds: 30,
        clientConfig: { url: `https://127.0.0.1:${port}/hold`, caBundle: readFileSync(pki.caCert).toString("base64") },
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } },
        rules: [{ operations: ["CREATE"], apiGroups: [""], apiVersions: ["v1"], resources: [resource], scope: "Namespaced" }],
      }],
    },
  });
  return {
    /** Resolves with the object's name when the first real CREATE is held. */
    held: firstHold,
    /** Removes the webhook; held requests are cut, so the apiserver refuses them (failure policy Fail). */
    async remove() {
      await api.deleteValidatingWebhookConfiguration({ name }).catch(() => undefined);
      server.closeAllConnections();
      server.close();
    },
  };
}
