# Versions of the local control plane. Bump here only; the cache key follows.
K8S_VERSION=v1.37.2
K8S_STAGING_VERSION=v0.37.2
ETCD_VERSION=v3.6.16
KWOK_VERSION=v0.8.0
# The reference OCI registry (github.com/distribution/distribution/v3/cmd/registry).
REGISTRY_VERSION=v3.1.2
BERTH_CACHE="${BERTH_CACHE:-$HOME/.cache/berth}"
CLUSTER_BIN="$BERTH_CACHE/k8s-$K8S_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION/bin"
REGISTRY_BIN="$BERTH_CACHE/registry-$REGISTRY_VERSION/bin"
