#!/bin/sh
# The in-cluster build's step: rootless buildkitd in this container (OCI worker with runc), then
# buildctl builds the Dockerfile in /workspace, pushes the image and exports the layer
# cache to the registry. buildctl's metadata (the image digest) is left as the container's
# termination message; on failure the message is the end of this log.
#   CONTEXT_DIR, DOCKERFILE (relative to it), TARGET (host/repo:tag), CACHE_REF (optional),
#   IMAGE_LABELS (key=value a line)
# The registry logins are in $DOCKER_CONFIG/config.json, buildkitd's settings (mirrors,
# plain-HTTP registries) in /etc/berth-build/buildkitd.toml: both from the build's Secret.
set -eu
# Rootless: RootlessKit makes a user namespace (this user's subordinate ids, /etc/subuid) with
# the pod's network, and buildkitd runs in it; RUN steps share its process namespace.
mkdir -p "$XDG_RUNTIME_DIR"
export BUILDKIT_HOST="unix://$XDG_RUNTIME_DIR/buildkit/buildkitd.sock"
rootlesskit --net=host --copy-up=/etc --state-dir "$XDG_RUNTIME_DIR/rootlesskit" \
  buildkitd --config /etc/berth-build/buildkitd.toml --addr "$BUILDKIT_HOST" --root /var/lib/buildkit \
  --oci-worker-no-process-sandbox > /tmp/buildkitd.log 2>&1 &
tries=0
until buildctl debug workers > /dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -gt 150 ] || ! kill -0 $! 2> /dev/null; then
    echo "error: buildkitd did not start:"
    tail -n 20 /tmp/buildkitd.log
    exit 1
  fi
  sleep 0.2
done
dir="/workspace/${CONTEXT_DIR:-.}"
set -- build --progress=plain --frontend dockerfile.v0 \
  --local context="$dir" --local dockerfile="$dir/$(dirname "$DOCKERFILE")" \
  --opt filename="$(basename "$DOCKERFILE")" \
  --output "type=image,name=$TARGET,push=true" \
  --metadata-file /tmp/metadata.json
# The image's labels: IMAGE_LABELS (key=value a line), and the commit the init step fetched.
while IFS= read -r label; do
  [ -n "$label" ] && set -- "$@" --opt "label:$label"
done <<LABELS
${IMAGE_LABELS:-}
LABELS
if [ -s /var/run/berth-build/revision ]; then
  set -- "$@" --opt "label:org.opencontainers.image.revision=$(cat /var/run/berth-build/revision)"
fi
if [ -n "${CACHE_REF:-}" ]; then
  set -- "$@" --export-cache "type=registry,ref=$CACHE_REF,mode=max" --import-cache "type=registry,ref=$CACHE_REF"
fi
buildctl "$@" 2>&1
cat /tmp/metadata.json > /dev/termination-log
