#!/usr/bin/env bash
# Builds the local control plane from Go modules (no downloads besides the Go proxy),
# once, into a versioned cache outside the repo. Safe to run again: it returns
# immediately when every binary is there.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
. "$here/versions.sh"

# The real node (kubelet, kube-proxy, containerd, CNI plugins, CoreDNS) runs only as root on
# Linux; elsewhere its parts are not built and `cluster up` says why there is no real node.
real_node=0
[ "$(uname -s)" = Linux ] && [ "$(id -u)" = 0 ] && real_node=1

need=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)
[ "$real_node" = 1 ] && need+=(kubelet kube-proxy)
missing=0
for b in "${need[@]}"; do [ -x "$CLUSTER_BIN/$b" ] || missing=1; done
[ -f "$CLUSTER_BIN/kwok-stages.yaml" ] || missing=1
[ -x "$REGISTRY_BIN/registry" ] || missing=1
[ -x "$HELM_BIN/helm" ] || missing=1
if [ "$real_node" = 1 ]; then
  [ -x "$CONTAINERD_BIN/containerd" ] && [ -x "$CNI_BIN/portmap" ] && [ -x "$COREDNS_BIN/coredns" ] && [ -x "$METRICS_SERVER_BIN/metrics-server" ] && [ -x "$BUILDKIT_BIN/buildkitd" ] && [ -x "$ROOTLESSKIT_BIN/rootlesskit" ] || missing=1
fi
[ "$missing" = 0 ] && exit 0

echo "building what is missing of Kubernetes $K8S_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION, the registry $REGISTRY_VERSION, helm $HELM_VERSION$([ "$real_node" = 1 ] && echo ", containerd $CONTAINERD_VERSION, CNI plugins $CNI_VERSION, CoreDNS $COREDNS_VERSION, metrics-server $METRICS_SERVER_VERSION and BuildKit $BUILDKIT_VERSION with RootlessKit $ROOTLESSKIT_VERSION") (once, cached in $BERTH_CACHE; ~15-25 min on 2 cores from nothing)…" >&2
mkdir -p "$CLUSTER_BIN"
export GOFLAGS="-buildvcs=false -mod=mod" CGO_ENABLED=0
work="$(mktemp -d)"
bg_pids=()
bg_names=()
trap 'rm -rf "$work"; for p in "${bg_pids[@]}"; do kill "$p" 2>/dev/null; done' EXIT

# Small, independent components are built in the background beside the control plane:
# background <name> <cache bin dir> <module dir under tools/cluster> <go build args…>
background() {
  local name="$1" out="$2" mod="$3"; shift 3
  echo "  [$name] (in the background)…" >&2
  mkdir -p "$work/$name" "$out"
  cp "$repo/tools/cluster/$mod/go.mod" "$repo/tools/cluster/$mod/go.sum" "$work/$name/"
  # Built into a temporary folder and moved in whole, so a cache folder never holds half a build.
  (cd "$work/$name" && go build -trimpath -ldflags "-s -w ${BG_LDFLAGS:-}" -o "$work/$name/out/" "$@" && mv "$work/$name/out/"* "$out/") > "$work/$name.log" 2>&1 &
  bg_pids+=($!)
  bg_names+=("$name")
}

[ -x "$REGISTRY_BIN/registry" ] || background "registry $REGISTRY_VERSION" "$REGISTRY_BIN" registry github.com/distribution/distribution/v3/cmd/registry
[ -x "$HELM_BIN/helm" ] || BG_LDFLAGS="-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" background "helm $HELM_VERSION" "$HELM_BIN" helm helm.sh/helm/v3/cmd/helm
if [ "$real_node" = 1 ]; then
  [ -x "$CNI_BIN/portmap" ] || background "CNI plugins $CNI_VERSION" "$CNI_BIN" cni \
    github.com/containernetworking/plugins/plugins/main/bridge github.com/containernetworking/plugins/plugins/main/loopback \
    github.com/containernetworking/plugins/plugins/ipam/host-local github.com/containernetworking/plugins/plugins/meta/portmap
  [ -x "$CONTAINERD_BIN/containerd" ] || background "containerd $CONTAINERD_VERSION" "$CONTAINERD_BIN" containerd \
    github.com/containerd/containerd/v2/cmd/containerd github.com/containerd/containerd/v2/cmd/containerd-shim-runc-v2 github.com/containerd/containerd/v2/cmd/ctr
  [ -x "$COREDNS_BIN/coredns" ] || background "CoreDNS $COREDNS_VERSION" "$COREDNS_BIN" coredns github.com/coredns/coredns
  [ -x "$METRICS_SERVER_BIN/metrics-server" ] || background "metrics-server $METRICS_SERVER_VERSION" "$METRICS_SERVER_BIN" metrics-server sigs.k8s.io/metrics-server/cmd/metrics-server
  # The largest of them (~15 min of one core from nothing): the builder image's binaries.
  [ -x "$BUILDKIT_BIN/buildkitd" ] || background "BuildKit $BUILDKIT_VERSION" "$BUILDKIT_BIN" buildkit \
    github.com/moby/buildkit/cmd/buildkitd github.com/moby/buildkit/cmd/buildctl github.com/google/go-containerregistry/cmd/crane
  [ -x "$ROOTLESSKIT_BIN/rootlesskit" ] || background "RootlessKit $ROOTLESSKIT_VERSION" "$ROOTLESSKIT_BIN" rootlesskit github.com/rootless-containers/rootlesskit/v2/cmd/rootlesskit
fi

# k8s.io/kubernetes points its staging modules at ./staging/...; a wrapper module
# replaces each with the published module of the same name (tools/cluster/k8s/go.mod).
pkg=k8s.io/component-base/version
cpkg=k8s.io/client-go/pkg/version
minor="${K8S_VERSION#v1.}"; minor="${minor%%.*}"
ld="-s -w"
for p in $pkg $cpkg; do
  ld="$ld -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
done
cp -r "$repo/tools/cluster/k8s/." "$work/"
if [ ! -x "$CLUSTER_BIN/kube-apiserver" ] || [ ! -x "$CLUSTER_BIN/kube-controller-manager" ] || [ ! -x "$CLUSTER_BIN/kube-scheduler" ]; then
  echo "  [1/3] kube-apiserver, kube-controller-manager, kube-scheduler (one binary)…" >&2
  (cd "$work" && go mod download && go build -trimpath -ldflags "$ld" -o "$CLUSTER_BIN/kube-control-plane" .)
  for b in kube-apiserver kube-controller-manager kube-scheduler; do ln -sf kube-control-plane "$CLUSTER_BIN/$b"; done
fi
if [ "$real_node" = 1 ] && { [ ! -x "$CLUSTER_BIN/kubelet" ] || [ ! -x "$CLUSTER_BIN/kube-proxy" ]; }; then
  echo "  [1/3] kubelet, kube-proxy (one binary, same module)…" >&2
  (cd "$work" && go build -trimpath -ldflags "$ld" -o "$CLUSTER_BIN/kube-node" ./node)
  for b in kubelet kube-proxy; do ln -sf kube-node "$CLUSTER_BIN/$b"; done
fi

if [ ! -x "$CLUSTER_BIN/etcd" ]; then
  echo "  [2/3] etcd…" >&2
  mkdir -p "$work/etcd"
  cp "$repo/tools/cluster/etcd/go.mod" "$work/etcd/"
  [ -f "$repo/tools/cluster/etcd/go.sum" ] && cp "$repo/tools/cluster/etcd/go.sum" "$work/etcd/"
  (cd "$work/etcd" && go build -trimpath -ldflags "-s -w" -o "$CLUSTER_BIN/etcd" go.etcd.io/etcd/server/v3)
fi

if [ ! -x "$CLUSTER_BIN/kwok" ]; then
  echo "  [3/3] kwok…" >&2
  GOFLAGS=-buildvcs=false GOBIN="$CLUSTER_BIN" go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
fi
if [ ! -f "$CLUSTER_BIN/kwok-stages.yaml" ]; then
  # kwok's own "fast" stages (node init + lease heartbeat, pod ready/complete/delete),
  # taken from the module we just built so they always match the binary.
  stages="$(GOFLAGS=-buildvcs=false go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')/kustomize/stage"
  for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
           pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    cat "$stages/$f"; echo "---"
  done > "$CLUSTER_BIN/kwok-stages.yaml.tmp"
  mv "$CLUSTER_BIN/kwok-stages.yaml.tmp" "$CLUSTER_BIN/kwok-stages.yaml"
fi
for i in "${!bg_pids[@]}"; do
  name="${bg_names[$i]}"
  wait "${bg_pids[$i]}" || { cat "$work/$name.log" >&2; echo "building $name failed" >&2; exit 1; }
  echo "  [$name] ready" >&2
done
bg_pids=()
echo "control plane ready in $CLUSTER_BIN" >&2
