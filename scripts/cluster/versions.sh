# Versions of the local cluster's components. Bump here only; the cache keys follow.
K8S_VERSION=v1.37.2
K8S_STAGING_VERSION=v0.37.2
ETCD_VERSION=v3.6.16
KWOK_VERSION=v0.8.0
# The reference OCI registry (github.com/distribution/distribution/v3/cmd/registry).
REGISTRY_VERSION=v3.1.2
# The real node: containerd, CNI plugins and cluster DNS (kubelet and kube-proxy come with K8S_VERSION).
CONTAINERD_VERSION=v2.4.2
CNI_VERSION=v1.10.0
COREDNS_VERSION=v1.15.0
# helm renders imported charts (`helm template`); Berth applies the output itself.
HELM_VERSION=v3.22.0
# The resource metrics API (usage charts, the HPA), against the real node's kubelet.
METRICS_SERVER_VERSION=v0.8.0
# In-cluster builds of any Dockerfile: buildkitd + buildctl (and crane, for fetching an uploaded context) in the builder image.
BUILDKIT_VERSION=v0.34.2
# ... run rootless: RootlessKit makes the user namespace buildkitd runs in.
ROOTLESSKIT_VERSION=v2.3.6
BERTH_CACHE="${BERTH_CACHE:-$HOME/.cache/berth}"
CLUSTER_BIN="$BERTH_CACHE/k8s-$K8S_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION/bin"
REGISTRY_BIN="$BERTH_CACHE/registry-$REGISTRY_VERSION/bin"
CONTAINERD_BIN="$BERTH_CACHE/containerd-$CONTAINERD_VERSION/bin"
CNI_BIN="$BERTH_CACHE/cni-plugins-$CNI_VERSION/bin"
COREDNS_BIN="$BERTH_CACHE/coredns-$COREDNS_VERSION/bin"
HELM_BIN="$BERTH_CACHE/helm-$HELM_VERSION/bin"
METRICS_SERVER_BIN="$BERTH_CACHE/metrics-server-$METRICS_SERVER_VERSION/bin"
BUILDKIT_BIN="$BERTH_CACHE/buildkit-$BUILDKIT_VERSION/bin"
ROOTLESSKIT_BIN="$BERTH_CACHE/rootlesskit-$ROOTLESSKIT_VERSION/bin"
