#!/usr/bin/env bash
# Builds the local control plane from Go modules (no downloads besides the Go proxy),
# once, into a versioned cache outside the repo. Safe to run again: it returns
# immediately when every binary is there.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
. "$here/versions.sh"

need=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)
missing=0
for b in "${need[@]}"; do [ -x "$CLUSTER_BIN/$b" ] || missing=1; done
[ -f "$CLUSTER_BIN/kwok-stages.yaml" ] || missing=1
[ -x "$REGISTRY_BIN/registry" ] || missing=1
[ "$missing" = 0 ] && exit 0

echo "building what is missing of Kubernetes $K8S_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION and the registry $REGISTRY_VERSION (once, cached in $BERTH_CACHE; ~15-25 min on 2 cores from nothing)…" >&2
mkdir -p "$CLUSTER_BIN"
export GOFLAGS="-buildvcs=false -mod=mod" CGO_ENABLED=0
work="$(mktemp -d)"
registry_pid=""
trap 'rm -rf "$work"; [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null' EXIT

# The OCI registry is small and independent: built in the background beside the rest.
if [ ! -x "$REGISTRY_BIN/registry" ]; then
  echo "  [registry] distribution $REGISTRY_VERSION (in the background)…" >&2
  mkdir -p "$work/registry" "$REGISTRY_BIN"
  cp "$repo/tools/cluster/registry/go.mod" "$repo/tools/cluster/registry/go.sum" "$work/registry/"
  (cd "$work/registry" && go build -trimpath -ldflags "-s -w" -o "$REGISTRY_BIN/registry.tmp" github.com/distribution/distribution/v3/cmd/registry \
    && mv "$REGISTRY_BIN/registry.tmp" "$REGISTRY_BIN/registry") > "$work/registry.log" 2>&1 &
  registry_pid=$!
fi

# k8s.io/kubernetes points its staging modules at ./staging/...; a wrapper module
# replaces each with the published module of the same name (tools/cluster/k8s/go.mod).
if [ ! -x "$CLUSTER_BIN/kube-apiserver" ] || [ ! -x "$CLUSTER_BIN/kube-controller-manager" ] || [ ! -x "$CLUSTER_BIN/kube-scheduler" ]; then
  cp "$repo/tools/cluster/k8s/go.mod" "$repo/tools/cluster/k8s/main.go" "$work/"
  [ -f "$repo/tools/cluster/k8s/go.sum" ] && cp "$repo/tools/cluster/k8s/go.sum" "$work/"
  pkg=k8s.io/component-base/version
  cpkg=k8s.io/client-go/pkg/version
  minor="${K8S_VERSION#v1.}"; minor="${minor%%.*}"
  ld="-s -w"
  for p in $pkg $cpkg; do
    ld="$ld -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
  done
  echo "  [1/3] kube-apiserver, kube-controller-manager, kube-scheduler (one binary)…" >&2
  (cd "$work" && go mod download && go build -trimpath -ldflags "$ld" -o "$CLUSTER_BIN/kube-control-plane" .)
  for b in kube-apiserver kube-controller-manager kube-scheduler; do ln -sf kube-control-plane "$CLUSTER_BIN/$b"; done
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
if [ -n "$registry_pid" ]; then
  wait "$registry_pid" || { cat "$work/registry.log" >&2; echo "building the registry failed" >&2; exit 1; }
  registry_pid=""
  echo "  [registry] ready in $REGISTRY_BIN" >&2
fi
echo "control plane ready in $CLUSTER_BIN" >&2
