// Kubernetes event reasons explained for a developer. The key is the event's
// `reason`; the explanation goes next to the raw message, never instead of it.
import type { CoreV1Event } from "@kubernetes/client-node";

export const REASON_HELP: Record<string, { en: string; zh: string }> = {
  ImagePullBackOff: { en: "The image cannot be pulled: check the image name and tag, and that the registry is reachable and you are logged in.", zh: "无法拉取镜像：请检查镜像名称和标签，以及镜像仓库是否可达、是否已登录。" },
  ErrImagePull: { en: "Pulling the image failed: the name or tag may be wrong, or the registry needs credentials.", zh: "拉取镜像失败：名称或标签可能有误，或镜像仓库需要凭据。" },
  FailedScheduling: { en: "No node can run this pod yet: usually not enough CPU or memory free, or a node selector that matches nothing.", zh: "暂时没有节点可以运行此容器组：通常是可用 CPU 或内存不足，或节点选择器没有匹配的节点。" },
  CrashLoopBackOff: { en: "The app starts and exits again and again: read its logs for the error.", zh: "应用反复启动后退出：请查看日志中的错误。" },
  BackOff: { en: "Kubernetes waits longer before each restart because the container keeps failing.", zh: "容器持续失败，Kubernetes 在每次重启前等待更久。" },
  Unhealthy: { en: "A liveness or readiness probe failed: check the probe's path and port, and that the app answers in time.", zh: "存活或就绪探针失败：请检查探针的路径和端口，以及应用是否及时响应。" },
  FailedCreate: { en: "The controller could not create pods: often a namespace quota is used up.", zh: "控制器无法创建容器组：通常是命名空间配额已用完。" },
  Error: { en: "The container's process exited with an error or was killed; Kubernetes restarted it. Its logs tell why.", zh: "容器进程出错退出或被终止，Kubernetes 已将其重启。请查看日志了解原因。" },
  OOMKilled: { en: "The container used more memory than its limit and was stopped: raise the memory limit or reduce usage.", zh: "容器使用的内存超过上限被终止：请提高内存上限或降低用量。" },
  ScalingReplicaSet: { en: "A rollout step: the Deployment changed the number of pods of one version.", zh: "滚动更新中的一步：部署调整了某个版本的容器组数量。" },
  SuccessfulCreate: { en: "A pod was created.", zh: "已创建容器组。" },
  SuccessfulDelete: { en: "A pod was deleted.", zh: "已删除容器组。" },
  Scheduled: { en: "The scheduler placed the pod on a node.", zh: "调度器已将容器组分配到节点。" },
  Killing: { en: "A container is being stopped (scale down, rollout or delete).", zh: "正在停止容器（缩容、滚动更新或删除）。" },
};

/** "Insufficient cpu" inside a FailedScheduling message, in plain words. */
export function schedulingHint(message: string): { en: string; zh: string } | undefined {
  if (/Insufficient cpu/i.test(message)) return { en: "Not enough free CPU on any node for the CPU request: lower the request or add capacity.", zh: "没有节点有足够的空闲 CPU 满足请求：请降低 CPU 请求或增加容量。" };
  if (/Insufficient memory/i.test(message)) return { en: "Not enough free memory on any node for the memory request: lower the request or add capacity.", zh: "没有节点有足够的空闲内存满足请求：请降低内存请求或增加容量。" };
  if (/exceeded quota/i.test(message)) return { en: "The namespace quota is used up: scale something down or ask the team owner to raise the quota.", zh: "命名空间配额已用完：请缩容其他应用或请团队所有者提高配额。" };
  return undefined;
}

export interface EventSummary {
  type: string;
  reason: string;
  message: string;
  object: string;
  count: number;
  lastSeen?: string;
  help?: { en: string; zh: string };
}

export function summarizeEvent(e: CoreV1Event): EventSummary {
  const reason = e.reason ?? "";
  const message = e.message ?? "";
  const last = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
  return {
    type: e.type ?? "Normal",
    reason,
    message,
    object: `${e.involvedObject?.kind ?? ""}/${e.involvedObject?.name ?? ""}`,
    count: e.count ?? 1,
    lastSeen: last ? new Date(last).toISOString() : undefined,
    help: schedulingHint(message) ?? REASON_HELP[reason],
  };
}

// The suffixes Kubernetes generates (pod-template-hash, a pod's random id) use only these
// characters (apimachinery's rand.SafeEncodeString: no vowels, no 0/1/3).
const SAFE = "[bcdfghjklmnpqrstvwxz2456789]";
const HASH = new RegExp(`^${SAFE}{4,10}$`);
const POD_OF_REPLICASET = new RegExp(`^${SAFE}{4,10}-${SAFE}{5}$`);

/**
 * Events about an app, by the names Kubernetes gives its objects: the workload itself
 * (and its Service, Ingress, autoscaler: the app's name), its ReplicaSets
 * (<app>-<hash>), its pods (<app>-<hash>-<id>, or <app>-<ordinal> for a StatefulSet) and
 * its claims (<app>-<volume>, or <volume>-<app>-<ordinal>). Shapes, not just a prefix:
 * app "web" must not show the pods of app "web-api".
 */
export function isAboutApp(e: CoreV1Event, app: string): boolean {
  const n = e.involvedObject?.name ?? "";
  if (n === app) return true;
  const rest = n.startsWith(`${app}-`) ? n.slice(app.length + 1) : undefined;
  switch (e.involvedObject?.kind) {
    case "ReplicaSet":
      return rest !== undefined && HASH.test(rest);
    case "Pod":
      return rest !== undefined && (POD_OF_REPLICASET.test(rest) || /^\d+$/.test(rest));
    case "PersistentVolumeClaim":
      // App names are DNS labels (letters, digits, "-"), safe inside a pattern.
      return rest !== undefined || new RegExp(`-${app}-\\d+$`).test(n);
    default:
      return false;
  }
}
