// The local cluster's small PKI, made with openssl (Node can parse certificates but not
// issue them): one CA, the apiserver's serving certificate, and client certificates for
// the identities that talk to the apiserver or the kubelet with a certificate: the node
// (system:node:<name> in system:nodes), kube-proxy, CoreDNS and the apiserver→kubelet path.
// ECDSA P-256 keys: quick to make, accepted everywhere in Kubernetes.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface Pki {
  dir: string;
  caCert: string;
  caKey: string;
}

function openssl(args: string[], what: string, input?: string) {
  const r = spawnSync("openssl", args, { encoding: "utf8", input });
  if (r.error) throw new Error(`openssl is needed for the local cluster's certificates (apt-get install openssl): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`openssl (${what}) failed: ${r.stderr.trim().split("\n").slice(-3).join(" ")}`);
}

const KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

export function createCa(dir: string): Pki {
  mkdirSync(dir, { recursive: true });
  const pki = { dir, caCert: path.join(dir, "ca.crt"), caKey: path.join(dir, "ca.key") };
  if (!existsSync(pki.caCert)) {
    openssl(["req", "-x509", ...KEY, "-keyout", pki.caKey, "-out", pki.caCert, "-days", "3650", "-subj", "/CN=berth-local-ca", "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-addext", "basicConstraints=critical,CA:TRUE"], "the CA");
  }
  return pki;
}

export interface Issued {
  cert: string;
  key: string;
}

/**
 * A certificate signed by the CA. `cn`/`orgs` name a Kubernetes user and its groups (client
 * certificates); `ips`/`dns` are the names a server answers to (serving certificates).
 */
export function issue(pki: Pki, name: string, opts: { cn: string; orgs?: string[]; server?: { ips: string[]; dns: string[] }; client?: boolean }): Issued {
  const cert = path.join(pki.dir, `${name}.crt`);
  const key = path.join(pki.dir, `${name}.key`);
  const csr = path.join(pki.dir, `${name}.csr`);
  const ext = path.join(pki.dir, `${name}.ext`);
  const subj = `${(opts.orgs ?? []).map((o) => `/O=${o}`).join("")}/CN=${opts.cn}`;
  openssl(["req", "-new", ...KEY, "-keyout", key, "-out", csr, "-subj", subj], `key for ${name}`);
  const usages = [opts.server ? "serverAuth" : "", opts.client !== false && !opts.server ? "clientAuth" : "", opts.server && opts.client ? "clientAuth" : ""].filter(Boolean);
  const lines = ["basicConstraints=CA:FALSE", "keyUsage=critical,digitalSignature,keyEncipherment", `extendedKeyUsage=${usages.join(",")}`];
  if (opts.server) lines.push(`subjectAltName=${[...opts.server.ips.map((i) => `IP:${i}`), ...opts.server.dns.map((d) => `DNS:${d}`)].join(",")}`);
  writeFileSync(ext, lines.join("\n") + "\n");
  openssl(["x509", "-req", "-in", csr, "-CA", pki.caCert, "-CAkey", pki.caKey, "-CAcreateserial", "-out", cert, "-days", "825", "-extfile", ext], `certificate for ${name}`);
  return { cert, key };
}
