// Container logs through the apiserver's pods/log subresource (the kubelet, or kwok,
// serves them). Every read is bounded: tailLines and limitBytes are always sent.
import { CoreV1Api, Log, type KubeConfig } from "@kubernetes/client-node";
import { Writable } from "node:stream";
import { parseLogLines, type LogLine } from "../domain/logs";
import { clusterServer } from "./config";
import { toAppError } from "./errors";

export interface LogBounds {
  tailLines: number;
  limitBytes: number;
}

export async function tailPodLog(kc: KubeConfig, namespace: string, pod: string, b: LogBounds): Promise<LogLine[]> {
  try {
    const raw = await kc.makeApiClient(CoreV1Api).readNamespacedPodLog({ name: pod, namespace, tailLines: b.tailLines, limitBytes: b.limitBytes, timestamps: true });
    return parseLogLines(pod, raw);
  } catch (e) {
    throw toAppError(e, clusterServer(kc));
  }
}

/**
 * Follows a pod's log (its only container, or the one named; without tailLines from the
 * container's start); calls onLine per line until the returned stop() or the stream ends.
 */
export async function followPodLog(kc: KubeConfig, namespace: string, pod: string, b: Partial<LogBounds> & { limitBytes: number; container?: string }, onLine: (l: LogLine) => void, onEnd: (err?: unknown) => void): Promise<() => void> {
  let buf = "";
  const sink = new Writable({
    write(chunk, _enc, cb) {
      buf += chunk.toString();
      const parts = buf.split("\n");
      buf = parts.pop() ?? "";
      for (const l of parseLogLines(pod, parts.join("\n"))) onLine(l);
      cb();
    },
    final(cb) {
      for (const l of parseLogLines(pod, buf)) onLine(l);
      cb();
    },
  });
  try {
    const ac = await new Log(kc).log(namespace, pod, b.container ?? "", sink, (err) => onEnd(err), { follow: true, tailLines: b.tailLines, limitBytes: b.limitBytes, timestamps: true });
    return () => ac.abort();
  } catch (e) {
    throw toAppError(e, clusterServer(kc));
  }
}
