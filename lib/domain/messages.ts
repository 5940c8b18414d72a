// Berth's own messages (validation, refusals, conflicts) in English and Simplified
// Chinese. Code builds the English text with `msg(key, params)` (what the API and the
// logs carry); `localize(message, locale)` turns such a text into the person's
// language, so field errors checked in the browser and errors answered by the API
// read the same. Text that comes from Kubernetes itself stays as Kubernetes wrote it.
import type { Locale } from "../i18n/config";

const CATALOG = {
  // --- names of things, used inside other messages
  appName: { en: "App name", zh: "应用名称" },
  releaseName: { en: "Release name", zh: "发布名称" },
  portName: { en: "Port name", zh: "端口名称" },
  volumeName: { en: "Volume name", zh: "存储卷名称" },
  storageClass: { en: "Storage class", zh: "存储类" },
  configMapName: { en: "ConfigMap name", zh: "ConfigMap 名称" },
  secretName: { en: "Secret name", zh: "Secret 名称" },
  ingressClass: { en: "Ingress class", zh: "Ingress 类" },
  partOf: { en: "Part of", zh: "所属应用" },
  namespaceName: { en: "Namespace name", zh: "命名空间名称" },
  clusterName: { en: "Cluster name", zh: "集群名称" },
  teamSlug: { en: "Team slug", zh: "团队标识" },
  cpuQuota: { en: "CPU quota", zh: "CPU 配额" },
  memoryQuota: { en: "Memory quota", zh: "内存配额" },
  storageQuota: { en: "Storage quota", zh: "存储配额" },
  teamLimitExceeded: { en: "Team {team} may reserve at most {limit} of {what} in its namespaces on cluster {cluster}; with this change they would reserve {total}. Ask a platform admin to raise the team's limit.", zh: "团队 {team} 在集群 {cluster} 上的命名空间合计最多可预留 {limit} 的{what}；此更改后将预留 {total}。请联系平台管理员提高团队上限。" },
  teamNamespacesExceeded: { en: "Team {team} may have at most {limit} namespaces. Ask a platform admin to raise the team's limit.", zh: "团队 {team} 最多可以有 {limit} 个命名空间。请联系平台管理员提高团队上限。" },
  adminsOnlyTeamLimits: { en: "Only platform admins set a team's limits", zh: "只有平台管理员可以设置团队上限" },
  limitCpu: { en: "CPU", zh: "CPU" },
  limitMemory: { en: "memory", zh: "内存" },
  limitPods: { en: "pods", zh: "容器组" },
  limitStorage: { en: "storage", zh: "存储" },
  defaultCpuRequest: { en: "Default CPU request", zh: "默认 CPU 请求" },
  defaultMemoryRequest: { en: "Default memory request", zh: "默认内存请求" },
  defaultCpuLimit: { en: "Default CPU limit", zh: "默认 CPU 上限" },
  defaultMemoryLimit: { en: "Default memory limit", zh: "默认内存上限" },

  // --- names (DNS labels)
  required: { en: "{what} is required", zh: "请填写{what}" },
  tooLong63: { en: "{what} must be at most 63 characters", zh: "{what}最多 63 个字符" },
  lowercase: { en: "{what} must be lowercase", zh: "{what}必须是小写" },
  dnsLabel: { en: "{what} may contain only lowercase letters, digits and '-', and must start and end with a letter or digit", zh: "{what}只能包含小写字母、数字和“-”，并以字母或数字开头和结尾" },
  teamSlugLength: { en: "Team slug must be at most 40 characters", zh: "团队标识最多 40 个字符" },
  teamNameRequired: { en: "Team name is required", zh: "请填写团队名称" },
  email: { en: "Enter a valid email address", zh: "请输入有效的邮箱地址" },

  // --- app spec
  imageRequired: { en: "Image is required", zh: "请填写镜像" },
  imageSpaces: { en: "An image reference has no spaces", zh: "镜像引用中不能有空格" },
  imageFormat: { en: "Not an image reference: use name[:tag] or registry/name[:tag][@sha256:digest], lowercase", zh: "不是有效的镜像引用：请使用 名称[:标签] 或 仓库/名称[:标签][@sha256:摘要]，小写" },
  cpuFormat: { en: 'CPU must be cores like 0.5, 1 or 500m (not "2 cores")', zh: "CPU 须为核数，如 0.5、1 或 500m（而不是“2 cores”）" },
  cpuPositive: { en: "CPU must be more than 0", zh: "CPU 必须大于 0" },
  memoryFormat: { en: 'Memory must be a quantity like 256Mi or 1Gi (not "512MB")', zh: "内存须为 256Mi 或 1Gi 这样的数量（而不是“512MB”）" },
  memoryMilli: { en: "Memory in 'm' means thousandths of a byte: use Mi", zh: "内存单位 m 表示千分之一字节：请使用 Mi" },
  memoryPositive: { en: "Memory must be more than 0", zh: "内存必须大于 0" },
  sizeMin: { en: "Size must be at least 1Mi, like 1Gi", zh: "容量至少为 1Mi，例如 1Gi" },
  portNumber: { en: "Port must be a number", zh: "端口必须是数字" },
  portWhole: { en: "Port must be a whole number", zh: "端口必须是整数" },
  portRange: { en: "Port must be 1-65535", zh: "端口必须在 1-65535 之间" },
  portNameLength: { en: "Port name must be at most 15 characters", zh: "端口名称最多 15 个字符" },
  envName: { en: "Environment variable names start with a letter or '_' and contain letters, digits, '_', '-' or '.'", zh: "环境变量名以字母或“_”开头，只能包含字母、数字、“_”、“-”或“.”" },
  mountAbsolute: { en: "Mount path must be absolute, like /data", zh: "挂载路径必须是绝对路径，例如 /data" },
  mountDotDot: { en: "Mount path cannot contain '..'", zh: "挂载路径不能包含“..”" },
  httpPath: { en: "HTTP path must start with /", zh: "HTTP 路径必须以 / 开头" },
  probeHttp: { en: "An HTTP probe needs a path and a port", zh: "HTTP 探针需要路径和端口" },
  probeTcp: { en: "A TCP probe needs a port", zh: "TCP 探针需要端口" },
  probeExec: { en: "An exec probe needs a command", zh: "命令探针需要命令" },
  fileName: { en: "File names may contain letters, digits, '-', '_' and '.'", zh: "文件名只能包含字母、数字、“-”、“_”和“.”" },
  fileRequired: { en: "Add at least one file", zh: "请至少添加一个文件" },
  nodePortRange: { en: "NodePort must be 30000-32767", zh: "NodePort 必须在 30000-32767 之间" },
  host: { en: "Host must be a DNS name like app.example.com", zh: "主机名须为 app.example.com 这样的域名" },
  pathSlash: { en: "Path must start with /", zh: "路径必须以 / 开头" },
  cpuRequestOverLimit: { en: "CPU request cannot be more than the CPU limit", zh: "CPU 请求不能大于 CPU 上限" },
  memoryRequestOverLimit: { en: "Memory request cannot be more than the memory limit", zh: "内存请求不能大于内存上限" },
  appNameLength: { en: "App name must be at most 53 characters (Kubernetes adds suffixes)", zh: "应用名称最多 53 个字符（Kubernetes 会添加后缀）" },
  replicasNumber: { en: "Replicas must be a number", zh: "副本数必须是数字" },
  replicasWhole: { en: "Replicas must be a whole number", zh: "副本数必须是整数" },
  replicasNegative: { en: "Replicas cannot be negative", zh: "副本数不能为负数" },
  replicasMax: { en: "Replicas can be at most 1000", zh: "副本数最多为 1000" },
  autoscaleRange: { en: "Autoscale max must be at least min", zh: "自动伸缩的最大值不能小于最小值" },
  envTwice: { en: "Environment variable {name} is set twice", zh: "环境变量 {name} 设置了两次" },
  portTwice: { en: "Port {port} is listed twice", zh: "端口 {port} 重复出现" },
  exposePort: { en: "Expose one of the app's container ports", zh: "请暴露应用的某个容器端口" },
  volumeTwice: { en: "Volume {name} is listed twice", zh: "存储卷 {name} 重复出现" },

  // --- team namespaces
  quantity: { en: "{what} must be a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi", zh: "{what}须为 Kubernetes 数量，例如 500m、2、512Mi 或 4Gi" },
  podsQuota: { en: "Pods quota must be at least 1", zh: "容器组配额至少为 1" },

  // --- who may do what
  passwordTooShort: { en: "A password needs at least 10 characters", zh: "密码至少需要 10 个字符" },
  passwordTooLong: { en: "A password can have at most 200 characters", zh: "密码最多 200 个字符" },
  passwordIsEmail: { en: "The password must not be your email address", zh: "密码不能是您的邮箱地址" },
  linkInvalid: { en: "This link is not valid: ask for a new one", zh: "此链接无效：请索取新的链接" },
  linkUsed: { en: "This link has already been used (each works once): ask for a new one, or sign in", zh: "此链接已被使用（每个链接只能使用一次）：请索取新的链接，或直接登录" },
  linkExpired: { en: "This link has expired: ask the person who sent it for a new one", zh: "此链接已过期：请向发送者索取新的链接" },
  currentPasswordWrong: { en: "The current password is not right", zh: "当前密码不正确" },
  adminsOnlyReset: { en: "Only platform admins can reset someone's password", zh: "只有平台管理员可以重置他人的密码" },
  userNotFound: { en: "There is no such user", zh: "没有这个用户" },
  tokenScope: { en: "This API token's scope is {scope}; this needs {needed}. Make a token with that scope in Settings.", zh: "此 API 令牌的权限范围是 {scope}；此操作需要 {needed}。请在设置中创建具有该权限范围的令牌。" },
  tokenSessionOnly: { en: "API tokens cannot do this (make tokens, change a password): sign in in the browser.", zh: "API 令牌不能执行此操作（创建令牌、修改密码）：请在浏览器中登录。" },
  streamSessionEnded: { en: "Your session has ended: sign in again.", zh: "您的会话已结束：请重新登录。" },
  adminsOnlyMetrics: { en: "Only platform admins (or Prometheus with BERTH_METRICS_TOKEN) read the metrics", zh: "只有平台管理员（或使用 BERTH_METRICS_TOKEN 的 Prometheus）可以读取指标" },
  signIn: { en: "Sign in to continue.", zh: "请先登录。" },
  badToken: { en: "This API token is not valid: it may be mistyped, expired or revoked.", zh: "此 API 令牌无效：可能输错、已过期或已吊销。" },
  notMember: { en: 'You are not a member of team "{team}".', zh: "您不是团队“{team}”的成员。" },
  viewerCannotWrite: { en: 'Your role in team "{team}" is {role}: viewers cannot change anything.', zh: "您在团队“{team}”中的角色是 {role}：查看者不能做任何更改。" },
  ownersOnly: { en: 'Only owners of team "{team}" can do that (your role: {role}).', zh: "只有团队“{team}”的所有者可以这样做（您的角色：{role}）。" },
  noNamespaceAccess: { en: 'You have no access to namespace "{namespace}".', zh: "您无权访问命名空间“{namespace}”。" },
  adminsOnlyAudit: { en: "Only platform admins can read the whole audit log.", zh: "只有平台管理员可以查看全部审计日志。" },
  adminsOnlyTeams: { en: "Only platform admins can create teams.", zh: "只有平台管理员可以创建团队。" },
  adminsOnlyTemplates: { en: "Only platform admins can add templates for everyone; a team owner can add a private one for the team.", zh: "只有平台管理员可以添加所有人可用的模板；团队所有者可以为团队添加私有模板。" },
  csrf: { en: "Cross-site request refused (CSRF protection).", zh: "已拒绝跨站请求（CSRF 防护）。" },
  csrfNoOrigin: { en: "Request refused: state-changing requests from a browser must come from Berth's own pages (missing Origin).", zh: "请求被拒绝：浏览器发出的更改请求必须来自 Berth 自己的页面（缺少 Origin）。" },
  csrfBadOrigin: { en: "Request refused: bad Origin header.", zh: "请求被拒绝：Origin 请求头无效。" },
  badSegment: { en: "\"{value}\" is not a valid {what}: use lowercase letters, digits and '-'.", zh: "“{value}”不是有效的 {what}：请使用小写字母、数字和“-”。" },
  bodyJson: { en: "The request body must be JSON.", zh: "请求体必须是 JSON。" },
  nulChar: { en: "Text may not contain the NUL character (\\u0000): remove it and send again.", zh: "文本不能包含 NUL 字符（\\u0000）：请删除后重新提交。" },
  internal: { en: "Something went wrong on Berth's side; it has been logged.", zh: "Berth 内部出错，已记录日志。" },

  // --- teams
  noTeam: { en: 'There is no team "{team}".', zh: "没有名为“{team}”的团队。" },
  teamExists: { en: 'A team with the slug "{team}" already exists.', zh: "标识为“{team}”的团队已存在。" },
  alreadyMember: { en: "{email} is already a member of {team} ({role}).", zh: "{email} 已是 {team} 的成员（{role}）。" },
  lastOwner: { en: "A team needs at least one owner: make someone else owner first.", zh: "团队至少需要一位所有者：请先让其他人成为所有者。" },
  notAMember: { en: "That person is not a member of this team.", zh: "此人不是该团队的成员。" },
  namespaceTaken: { en: 'The namespace "{namespace}" is already taken.', zh: "命名空间“{namespace}”已被占用。" },
  namespaceExistsInCluster: { en: 'A namespace named "{namespace}" already exists in the cluster; choose another name.', zh: "集群中已存在名为“{namespace}”的命名空间，请换一个名称。" },
  teamHasNoNamespace: { en: 'Team {team} has no namespace "{namespace}".', zh: "团队 {team} 没有命名空间“{namespace}”。" },
  typeTeamSlug: { en: 'To delete the team, type its slug "{team}" exactly.', zh: "要删除团队，请准确输入其标识“{team}”。" },
  teamOwnsNamespaces: { en: "Team {team} still owns {count} namespace(s): {namespaces}. Delete them with the team (everything in them goes too), or keep the team.", zh: "团队 {team} 仍拥有 {count} 个命名空间：{namespaces}。请连同团队一起删除它们（其中的一切都会删除），或保留该团队。" },
  noSuchToken: { en: "No such token.", zh: "没有这个令牌。" },

  // --- apps
  noApp: { en: 'There is no app named "{name}" in {namespace}.', zh: "命名空间 {namespace} 中没有名为“{name}”的应用。" },
  appExists: { en: 'An app named "{name}" already exists in {namespace}: open it to edit it, or choose another name.', zh: "命名空间 {namespace} 中已有名为“{name}”的应用：请打开它进行编辑，或换一个名称。" },
  nameTaken: { en: "This name is taken in this namespace", zh: "该名称在此命名空间中已被使用" },
  kindSwitch: { en: '"{name}" is a {kind}: per-replica storage cannot be turned {onOff} for an existing app. Deploy a new app for that, then delete this one.', zh: "“{name}”是 {kind}：已有应用不能{onOff}“每个副本一个卷”。请为此部署一个新应用，再删除这个应用。" },
  on: { en: "on", zh: "开启" },
  off: { en: "off", zh: "关闭" },
  kindSwitchField: { en: "Per-replica storage cannot change for an existing app", zh: "已有应用不能更改“每个副本一个卷”" },
  quotaPods: { en: "The namespace quota allows {hard} pods and {used} are in use: {extra} more do not fit. Scale something down or ask a team owner to raise the quota.", zh: "命名空间配额允许 {hard} 个容器组，已使用 {used} 个：再增加 {extra} 个放不下。请缩容其他应用，或请团队所有者提高配额。" },
  autoscaled: { en: "{name} is autoscaled between {min} and {max} replicas, so a manual count would be undone: edit the app to change its autoscaling range, or turn autoscaling off.", zh: "{name} 在 {min} 到 {max} 个副本之间自动伸缩，手动设置的数量会被覆盖：请编辑应用修改自动伸缩范围，或关闭自动伸缩。" },
  typeAppName: { en: 'To delete the app, type its name "{name}" exactly.', zh: "要删除应用，请准确输入其名称“{name}”。" },
  notAppPod: { en: "Pod \"{pod}\" is not one of {name}'s pods.", zh: "容器组“{pod}”不属于 {name}。" },
  scaledMeanwhile: { en: "{name} was scaled or changed by someone else since you loaded it (now showing the latest); try again.", zh: "自您加载后，{name} 已被其他人缩放或修改（现在显示的是最新状态）；请重试。" },
  changedMeanwhile: { en: "{name} was changed by someone else since you loaded it; reload and try again.", zh: "自您加载后，{name} 已被其他人修改；请刷新后重试。" },
  applyConflict: { en: "{object}: {reason}. Someone else changed these fields since you loaded them; reload and apply again.", zh: "{object}：{reason}。自您加载后，其他人修改了这些字段；请刷新后重新应用。" },
  noRevision: { en: "{name} has no revision {revision} (old revisions are pruned after {limit}).", zh: "{name} 没有版本 {revision}（超过 {limit} 个的旧版本会被清理）。" },
  yamlOneDoc: { en: "The YAML must contain exactly one document.", zh: "YAML 必须只包含一个文档。" },
  yamlInvalid: { en: "This is not valid YAML: {reason}", zh: "这不是有效的 YAML：{reason}" },
  yamlObject: { en: "The YAML must describe one object (a mapping with apiVersion, kind and metadata).", zh: "YAML 必须描述一个对象（包含 apiVersion、kind 和 metadata 的映射）。" },
  yamlKind: { en: "kind and apiVersion cannot change here (expected apps/v1 Deployment or StatefulSet, got {got}).", zh: "此处不能更改 kind 和 apiVersion（应为 apps/v1 Deployment 或 StatefulSet，实际为 {got}）。" },
  yamlName: { en: 'metadata.name cannot change (expected "{name}", got "{got}"). Deploy a new app to use another name.', zh: "metadata.name 不能更改（应为“{name}”，实际为“{got}”）。要使用其他名称，请部署新应用。" },
  yamlNamespace: { en: 'metadata.namespace cannot change (expected "{namespace}").', zh: "metadata.namespace 不能更改（应为“{namespace}”）。" },
  yamlSameKind: { en: "kind cannot change here (this app is a {kind}, the YAML says {got}).", zh: "此处不能更改 kind（此应用是 {kind}，YAML 中为 {got}）。" },


  // --- registries and builds
  secretKeyMissing: { en: "BERTH_SECRET_KEY is not set (at least 16 characters): Berth needs it to keep registry passwords encrypted.", zh: "未设置 BERTH_SECRET_KEY（至少 16 个字符）：Berth 需要它来加密保存镜像仓库密码。" },
  secretUnreadable: { en: "A stored credential cannot be decrypted: BERTH_SECRET_KEY changed since it was saved. Enter the password again.", zh: "无法解密已保存的凭据：保存后 BERTH_SECRET_KEY 已更改。请重新输入密码。" },
  registryName: { en: "Registry name", zh: "镜像仓库名称" },
  registryUrl: { en: "Registry URL must be http(s)://host[:port], like https://registry.example.com", zh: "镜像仓库地址须为 http(s)://主机[:端口]，例如 https://registry.example.com" },
  registryExists: { en: 'Team {team} already has a registry named "{name}".', zh: "团队 {team} 已有名为“{name}”的镜像仓库。" },
  registryLocalReserved: { en: '"local" is the local cluster\'s own registry: choose another name.', zh: "“local”是本地集群自带的镜像仓库：请换一个名称。" },
  // --- clusters
  kubeconfigUnreadable: { en: "This kubeconfig cannot be read: {reason}", zh: "无法读取此 kubeconfig：{reason}" },
  kubeconfigNoContext: { en: "This kubeconfig has no current context with a cluster and a user: set current-context.", zh: "此 kubeconfig 没有包含集群和用户的当前上下文：请设置 current-context。" },
  kubeconfigNoSuchContext: { en: "This kubeconfig has no context named {context}.", zh: "此 kubeconfig 中没有名为 {context} 的上下文。" },
  kubeconfigFiles: { en: "This kubeconfig names files (certificate-authority, client-certificate, client-key): paste it with the data inline (kubectl config view --flatten --minify).", zh: "此 kubeconfig 引用了文件（certificate-authority、client-certificate、client-key）：请粘贴内嵌数据的版本（kubectl config view --flatten --minify）。" },
  clusterRegistered: { en: "The cluster at {server} is already registered, as {name}.", zh: "位于 {server} 的集群已注册为 {name}。" },
  noServerKubeconfig: { en: "The console was not started with KUBECONFIG: there are no contexts of its own to import.", zh: "控制台启动时未设置 KUBECONFIG：没有可导入的上下文。" },
  kubeconfigExec: { en: "Credentials that run a program (exec, auth-provider) are not accepted: use a token or a client certificate.", zh: "不接受需要运行程序的凭据（exec、auth-provider）：请使用令牌或客户端证书。" },
  clusterAccessMissing: { en: "Berth's identity on {server} is missing: {missing}. Give it the berth-console ClusterRole (see the README).", zh: "Berth 在 {server} 上的身份缺少权限：{missing}。请授予它 berth-console ClusterRole（见 README）。" },
  clusterExists: { en: 'A cluster named "{name}" already exists.', zh: "已存在名为“{name}”的集群。" },
  noCluster: { en: 'There is no cluster "{name}".', zh: "没有名为“{name}”的集群。" },
  clusterHasNamespaces: { en: 'Cluster "{name}" still has {count} namespace(s): {namespaces}. Delete them first; removing a cluster never deletes anything in it.', zh: "集群“{name}”仍有 {count} 个命名空间：{namespaces}。请先删除它们；移除集群不会删除其中的任何内容。" },
  clusterDefaultConnection: { en: "The console's own cluster is reached the way the console is configured (KUBECONFIG, in-cluster, or the local cluster); only its display name changes here.", zh: "控制台自身所在的集群按控制台的配置连接（KUBECONFIG、集群内或本地集群）；此处只能修改其显示名称。" },
  clusterDefaultStays: { en: "The console's own cluster cannot be removed.", zh: "控制台自身所在的集群不能移除。" },
  adminsOnlyClusters: { en: "Only platform admins manage clusters.", zh: "只有平台管理员可以管理集群。" },
  noRegistry: { en: 'Team {team} has no registry named "{name}".', zh: "团队 {team} 没有名为“{name}”的镜像仓库。" },
  localReadOnly: { en: "The local registry comes with the local cluster and cannot be changed.", zh: "本地镜像仓库随本地集群提供，不能修改。" },
  passwordNeedsUser: { en: "A password needs a username", zh: "填写密码时需要用户名" },
  registryUnreachable: { en: "Registry {host} is unreachable: {reason}", zh: "无法连接镜像仓库 {host}：{reason}" },
  registryUnauthorized: { en: "Registry {host} refused the username or password (401).", zh: "镜像仓库 {host} 拒绝了用户名或密码（401）。" },
  registryNeedsLogin: { en: "Registry {host} needs a username and password (401).", zh: "镜像仓库 {host} 需要用户名和密码（401）。" },
  registryOk: { en: "Connected: registry {host} answered and accepted the credentials.", zh: "连接成功：镜像仓库 {host} 已响应并接受了凭据。" },
  noBuild: { en: "There is no build {id} in {namespace}.", zh: "命名空间 {namespace} 中没有构建 {id}。" },
  buildFinished: { en: "Build {id} has already finished ({status}).", zh: "构建 {id} 已结束（{status}）。" },
  uploadTooLarge: { en: "The upload is larger than the limit of {limit} (BERTH_MAX_UPLOAD).", zh: "上传文件超过了 {limit} 的上限（BERTH_MAX_UPLOAD）。" },
  uploadEmpty: { en: "The uploaded file is empty.", zh: "上传的文件是空的。" },
  uploadMissing: { en: "Choose a file to upload.", zh: "请选择要上传的文件。" },
  uploadTruncated: { en: "The upload ended before the whole file arrived; try again.", zh: "文件尚未完整上传就中断了；请重试。" },
  multipartOnly: { en: "Send the build as multipart/form-data (fields, then the file).", zh: "请以 multipart/form-data 提交构建（先字段，后文件）。" },
  notJar: { en: "{name} is not a {kind} file: a jar or war is a zip archive (it starts with PK), this one does not.", zh: "{name} 不是 {kind} 文件：jar 或 war 是 zip 压缩包（以 PK 开头），而它不是。" },
  notArchive: { en: "{name} is not a zip or tar.gz archive.", zh: "{name} 不是 zip 或 tar.gz 压缩包。" },
  badArchive: { en: "{name} cannot be unpacked: {reason}", zh: "{name} 无法解压：{reason}" },
  archiveUnsafe: { en: "{name} contains the path {path}, which points outside the archive.", zh: "{name} 包含指向压缩包外部的路径 {path}。" },
  noDockerfile: { en: "There is no {file} in the build context.", zh: "构建上下文中没有 {file}。" },
  gitUrlScheme: { en: "Git URL must be https://, http:// or ssh:// (or user@host:path); local paths and file:// are not allowed", zh: "Git 地址须为 https://、http:// 或 ssh://（或 user@host:path）；不允许本地路径和 file://" },
  gitRef: { en: "Git ref must be a branch, tag or commit name", zh: "Git 引用须为分支、标签或提交名称" },
  gitSubdir: { en: "Subdirectory must be a relative path inside the repository", zh: "子目录须为仓库内的相对路径" },
  gitFailed: { en: "Cloning {url} at {ref} failed: {reason}", zh: "克隆 {url} 的 {ref} 失败：{reason}" },
  gitTooLarge: { en: "The repository is larger than the limit of {limit}.", zh: "仓库超过了 {limit} 的上限。" },
  targetImage: { en: "Image must be repository:tag, like java-demo:v1.0", zh: "镜像须为 仓库:标签，例如 java-demo:v1.0" },
  baseNotFound: { en: "Base image {image} was not found in {registry}.", zh: "在 {registry} 中找不到基础镜像 {image}。" },
  buildCancelled: { en: "Cancelled by {who}.", zh: "已被 {who} 取消。" },
  noBuilder: {
    en: "This Dockerfile runs commands (RUN), which needs a build in the cluster, and no builder image is set up: on the local cluster `npm run cluster up` makes one; elsewhere set BERTH_BUILDER_IMAGE.",
    zh: "此 Dockerfile 需要执行命令（RUN），须在集群中构建，但未配置构建器镜像：本地集群上 `npm run cluster up` 会生成一个；其他集群请设置 BERTH_BUILDER_IMAGE。",
  },
  buildOwnerGone: { en: "The person who started this build is no longer in its team, so no console follows it.", zh: "发起此构建的人已不在该团队中，因此没有控制台继续跟踪它。" },
  builderCannotStart: { en: "The builder could not start: {reason}", zh: "构建器无法启动：{reason}" },
  buildFetchFailed: { en: "Fetching the source failed: {reason}", zh: "获取源代码失败：{reason}" },
  buildNoDigest: { en: "The builder finished without reporting the image's digest.", zh: "构建器已结束，但没有报告镜像摘要。" },
  buildExit: { en: "The builder stopped with exit code {code}.", zh: "构建器以退出码 {code} 停止。" },
  buildJobGone: { en: "The build's Job {name} was deleted before it finished.", zh: "构建任务 {name} 在完成前被删除。" },
  buildDeadline: { en: "The build took longer than its limit of {minutes} minutes and was stopped.", zh: "构建超过了 {minutes} 分钟的时限，已被停止。" },
  buildInterrupted: { en: "The console stopped while this build was running; start it again.", zh: "构建进行中控制台停止了；请重新开始构建。" },
  noPipeline: { en: "There is no pipeline {id}.", zh: "没有流水线 {id}。" },
  pipelineExists: { en: 'A pipeline named "{name}" already exists in {namespace}.', zh: "命名空间 {namespace} 中已有名为“{name}”的流水线。" },
  noArtifactYet: { en: 'Pipeline "{name}" has no artifact yet: upload one first.', zh: "流水线“{name}”还没有制品：请先上传一个。" },
  notArtifactPipeline: { en: 'Pipeline "{name}" builds from Git; artifacts are uploaded to artifact pipelines.', zh: "流水线“{name}”从 Git 构建；制品只能上传到制品流水线。" },
  webhookSignature: { en: "The webhook signature is missing or wrong.", zh: "Webhook 签名缺失或错误。" },
  webhookReplay: { en: "This delivery was already received.", zh: "此投递已接收过。" },
  webhookFlood: { en: "Too many webhook calls for this pipeline; try again in a minute.", zh: "此流水线的 Webhook 调用过多；请一分钟后重试。" },

  // --- config and secrets
  configKey: { en: "Keys may contain letters, digits, '-', '_' and '.'", zh: "键只能包含字母、数字、“-”、“_”和“.”" },
  configTooLarge: { en: "All keys and values together must stay under {limit}", zh: "所有键和值加起来必须小于 {limit}" },
  configNoKeys: { en: "Add at least one key", zh: "请至少添加一个键" },
  tlsCert: { en: "The certificate is not a PEM certificate (-----BEGIN CERTIFICATE-----)", zh: "证书不是 PEM 格式（-----BEGIN CERTIFICATE-----）" },
  tlsKey: { en: "The key is not a PEM private key (-----BEGIN PRIVATE KEY-----)", zh: "私钥不是 PEM 格式（-----BEGIN PRIVATE KEY-----）" },
  tlsMismatch: { en: "The key does not belong to this certificate", zh: "该私钥与此证书不匹配" },
  registryHostFormat: { en: "Registry must be a host[:port], like harbor.example.com", zh: "镜像仓库须为 主机[:端口]，例如 harbor.example.com" },
  noConfigMap: { en: 'There is no ConfigMap "{name}" in {namespace}.', zh: "命名空间 {namespace} 中没有 ConfigMap“{name}”。" },
  noSecret: { en: 'There is no Secret "{name}" in {namespace}.', zh: "命名空间 {namespace} 中没有 Secret“{name}”。" },
  noSecretKey: { en: 'Secret "{name}" has no key "{key}".', zh: "Secret“{name}”没有键“{key}”。" },
  importTooLarge: { en: "The YAML is larger than {limit}", zh: "YAML 超过了 {limit}" },
  importTooManyDocuments: { en: "The YAML has {count} documents; an import takes at most {max}.", zh: "YAML 有 {count} 个文档；一次导入最多 {max} 个。" },
  importProblem: { en: "Document {document}: {message}", zh: "第 {document} 个文档：{message}" },
  importProblemAt: { en: "{object} in document {document}: {message}", zh: "{object}（第 {document} 个文档）：{message}" },
  importAliases: { en: "too many YAML aliases (anchors are expanded at most 100 times)", zh: "YAML 别名过多（锚点最多展开 100 次）" },
  importNotObject: { en: "not a Kubernetes object (a mapping with apiVersion, kind and metadata)", zh: "不是 Kubernetes 对象（需包含 apiVersion、kind 和 metadata 的映射）" },
  importKindRequired: { en: "apiVersion and kind are required", zh: "需要 apiVersion 和 kind" },
  importNameRequired: { en: "a name is required", zh: "需要名称" },
  importClusterScoped: { en: "{kind} is cluster-wide; an import only creates objects inside this namespace", zh: "{kind} 是集群级对象；导入只会在此命名空间内创建对象" },
  importUnknownKind: { en: "Berth does not import {kind} (it imports {kinds})", zh: "Berth 不导入 {kind}（可导入：{kinds}）" },
  importApiVersion: { en: "{kind} {apiVersion} is not served here; use {expected}", zh: "此处不支持 {kind} {apiVersion}；请使用 {expected}" },
  importNamespace: { en: 'names namespace "{other}"; this import goes into "{namespace}" (remove the namespace or switch to it)', zh: "指定了命名空间“{other}”；本次导入的目标是“{namespace}”（请删除 namespace 字段或切换到该命名空间）" },
  importBase64: { en: "not base64 (put plain text under stringData instead)", zh: "不是 base64（纯文本请放在 stringData 下）" },
  importEmpty: { en: "The YAML holds no object.", zh: "YAML 中没有对象。" },
  importTwice: { en: "{object} appears twice", zh: "{object} 出现了两次" },
  importRefused: { en: "{object} was refused: {reason}. Nothing was applied.", zh: "{object} 被拒绝：{reason}。未应用任何内容。" },
  importRolledBack: { en: "{object} was refused: {reason}. The objects this import had created were removed again.", zh: "{object} 被拒绝：{reason}。本次导入已创建的对象已被删除。" },
  objectExists: { en: '{kind} "{name}" already exists in {namespace}: open it to edit it.', zh: "命名空间 {namespace} 中已存在 {kind}“{name}”：请打开它进行编辑。" },

  readyOf: { en: "{ready} of {desired} ready", zh: "{desired} 个中 {ready} 个就绪" },
  // --- marketplace templates and releases
  templateSchemaObject: { en: "The parameters must be a JSON Schema object with properties", zh: "参数必须是带 properties 的 JSON Schema 对象" },
  templateParamName: { en: "Parameter name {name} must start with a letter and use letters, digits and _", zh: "参数名 {name} 必须以字母开头，只能包含字母、数字和 _" },
  templateParamType: { en: "Parameter {name} needs a type: string, integer, number or boolean", zh: "参数 {name} 需要类型：string、integer、number 或 boolean" },
  templateParamSecretString: { en: "Secret or generated parameter {name} must be a string", zh: "保密或自动生成的参数 {name} 必须是字符串" },
  templateParamSecretDefault: { en: "Secret parameter {name} cannot have a default (it would be stored in the template)", zh: "保密参数 {name} 不能有默认值（默认值会保存在模板中）" },
  templateParamRequiredUnknown: { en: "Required parameter {name} is not defined", zh: "必填参数 {name} 未定义" },
  paramType: { en: "Must be a {type}", zh: "必须是 {type} 类型" },
  paramEnum: { en: "Must be one of: {options}", zh: "必须是以下之一：{options}" },
  paramMin: { en: "Must be at least {limit}", zh: "不能小于 {limit}" },
  paramMax: { en: "Must be at most {limit}", zh: "不能大于 {limit}" },
  paramMinLength: { en: "Must be at least {limit} characters", zh: "至少 {limit} 个字符" },
  paramMaxLength: { en: "Must be at most {limit} characters", zh: "最多 {limit} 个字符" },
  paramPattern: { en: "Does not have the expected form ({pattern})", zh: "格式不符合要求（{pattern}）" },
  paramRequired: { en: "Required", zh: "必填" },
  paramUnknown: { en: "This template has no such parameter", zh: "此模板没有这个参数" },
  paramQuantity: { en: "Must be a size like 512Mi or 1Gi", zh: "必须是 512Mi、1Gi 这样的大小" },
  paramsInvalid: { en: "Some values are not valid: see the fields", zh: "部分参数值无效：请查看各字段" },
  templateUnknownValue: { en: "The template uses {name}, which no parameter provides (at {at})", zh: "模板使用了 {name}，但没有参数提供它（位置：{at}）" },
  templateSyntax: { en: "Template syntax error at {at}: {message}", zh: "模板语法错误（位置：{at}）：{message}" },
  templateTooLarge: { en: "The manifests are larger than 256 KB", zh: "清单超过 256 KB" },
  templateYaml: { en: "The template's document {document} is not valid YAML: {message}", zh: "模板第 {document} 个文档不是有效的 YAML：{message}" },
  templateRefused: { en: "The template cannot be installed here: {reason}", zh: "此模板无法安装在这里：{reason}" },
  templateDuplicate: { en: "The template renders {object} twice", zh: "模板重复生成了 {object}" },
  templateReservedName: { en: "{object} is the name Berth uses for the release's secret values", zh: "{object} 是 Berth 用于保存发布保密参数的名称" },
  releaseMissing: { en: "{object} is missing", zh: "{object} 不存在" },
  lastVersionOffered: { en: "Version {version} is the last one offered for installs, so it cannot be deprecated; unpublish the template instead", zh: "版本 {version} 是最后一个可安装的版本，不能弃用；请改为取消发布该模板" },
  slugReserved: { en: "This slug is reserved; pick another one than {names}", zh: "此标识已被保留；请使用 {names} 以外的名称" },
  templateExists: { en: "A template {slug} already exists", zh: "模板 {slug} 已存在" },
  chartTooLarge: { en: "The chart archive is larger than 2 MB", zh: "Chart 压缩包超过 2 MB" },
  chartNotArchive: { en: "Not a Helm chart archive (.tgz)", zh: "不是 Helm Chart 压缩包（.tgz）" },
  chartNoChartYaml: { en: "The archive has no Chart.yaml with a name and a version", zh: "压缩包中没有包含名称和版本的 Chart.yaml" },
  chartBadSchema: { en: "The chart's values.schema.json is not valid JSON", zh: "Chart 的 values.schema.json 不是有效的 JSON" },
  chartValuesMapping: { en: "The values must be a YAML mapping (key: value)", zh: "参数值必须是 YAML 映射（键: 值）" },
  helmMissing: { en: "helm is not installed here ({path}): run npm run cluster -- build", zh: "此处未安装 helm（{path}）：请运行 npm run cluster -- build" },
  helmFailed: { en: "helm could not render the chart: {reason}", zh: "helm 无法渲染该 Chart：{reason}" },
  templateVersionExists: { en: "{slug} already has a version {version}", zh: "{slug} 已有版本 {version}" },
  templateNotFound: { en: "No template {slug} that you can see", zh: "没有您可见的模板 {slug}" },
  templateVersionNotFound: { en: "This template has no version {version}", zh: "此模板没有版本 {version}" },
  releaseRefused: { en: "Nothing was installed: the cluster refused {object}: {reason}", zh: "未安装任何内容：集群拒绝了 {object}：{reason}" },
  releaseExists: { en: "A release named {name} already exists in {namespace}", zh: "{namespace} 中已有名为 {name} 的发布" },
  releaseFailedKept: { en: "The install failed and was kept for debugging: {reason}", zh: "安装失败，已按要求保留以便排查：{reason}" },
  releaseRolledBack: { en: "The install failed and was rolled back (what it created was removed): {reason}", zh: "安装失败并已回滚（已删除其创建的对象）：{reason}" },
  releaseInterrupted: { en: "The console stopped during the {action}; it did not finish", zh: "控制台在{action}过程中停止，操作未完成" },
  releaseNotReady: { en: "It did not become ready in time: {reason}", zh: "未能按时就绪：{reason}" },
  releaseNotFound: { en: "No release {name} in {namespace}", zh: "{namespace} 中没有发布 {name}" },
  releaseRolledBackGone: { en: "Release {name} was rolled back: {reason}", zh: "发布 {name} 已回滚：{reason}" },
  releaseBusy: { en: "Another operation on {name} is in progress: try again when it has finished", zh: "{name} 正在进行另一个操作，请在其完成后重试" },
  releaseUpgradeFailed: { en: "The upgrade failed: {reason}", zh: "升级失败：{reason}" },
  releaseConfirm: { en: "Type the release name {name} to confirm", zh: "请输入发布名称 {name} 以确认" },

  // --- the cluster
  clusterUnreachable: { en: "cannot reach the cluster at {server}: {reason}", zh: "无法连接位于 {server} 的集群：{reason}" },
  clusterCredentials: { en: "the cluster at {server} rejected Berth's credentials: {reason}", zh: "位于 {server} 的集群拒绝了 Berth 的凭据：{reason}" },
  kubernetesRefused: { en: "Kubernetes refused: {reason}", zh: "Kubernetes 拒绝了请求：{reason}" },
  noDatabase: { en: "No database is configured: set DATABASE_URL, or start Berth with `npm start` for the embedded one.", zh: "未配置数据库：请设置 DATABASE_URL，或用 `npm start` 启动以使用内置数据库。" },
} as const satisfies Record<string, { en: string; zh: string }>;

export type MessageKey = keyof typeof CATALOG;
type Params = Record<string, string | number>;

const fill = (template: string, params: Params = {}) => template.replace(/\{(\w+)\}/g, (whole, k: string) => (k in params ? String(params[k]) : whole));

/** The English text of a message (what the API carries and the logs keep). */
export function msg(key: MessageKey, params?: Params): string {
  return fill(CATALOG[key].en, params);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// Each English template as an anchored pattern whose placeholders capture the values;
// fixed texts first, then the most specific templates ("Image is required" before "{what} is required").
const PATTERNS = Object.values(CATALOG)
  .map((e) => {
    const names: string[] = [];
    const source = escape(e.en).replace(/\\\{(\w+)\\\}/g, (_, k: string) => {
      names.push(k);
      return "([\\s\\S]*?)";
    });
    return { zh: e.zh, names, literal: e.en.replace(/\{\w+\}/g, "").length, re: new RegExp(`^${source}$`) };
  })
  .sort((a, b) => a.names.length - b.names.length || b.literal - a.literal);

/**
 * A message in the person's language: Berth's own messages are translated (with their
 * values, which may themselves be names from the catalogue); anything else, such as
 * what Kubernetes answered, is returned as it is.
 */
export function localize(message: string, locale: Locale | string): string {
  if (locale !== "zh-CN") return message;
  for (const p of PATTERNS) {
    const match = p.re.exec(message);
    if (!match) continue;
    const params: Params = {};
    p.names.forEach((name, i) => (params[name] = localize(match[i + 1], locale)));
    return fill(p.zh, params);
  }
  return message;
}

/** Every message's placeholders, for the test that keeps both languages in step. */
export function catalogEntries(): { key: string; en: string; zh: string }[] {
  return Object.entries(CATALOG).map(([key, e]) => ({ key, en: e.en, zh: e.zh }));
}
