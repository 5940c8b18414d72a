#!/bin/sh
# The in-cluster build's init step: puts the build context into /workspace.
#   BERTH_SOURCE=git    GIT_URL (no password in it), GIT_REF; a login, when there is one,
#                       comes from the build's Secret as GIT_USERNAME / GIT_PASSWORD.
#   BERTH_SOURCE=image  CONTEXT_IMAGE: the uploaded archive, pushed by the console as a
#                       one-layer image; pulled with the registry login in $DOCKER_CONFIG.
# The commit fetched is left as the container's termination message, and for the build (its
# image's revision label) in /var/run/berth-build/revision.
set -eu
cd /workspace
case "$BERTH_SOURCE" in
git)
  # /workspace (an emptyDir) belongs to root, and git runs as the builder: it is ours to use.
  export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0=/workspace
  git init -q .
  if [ -n "${GIT_USERNAME:-}${GIT_PASSWORD:-}" ]; then
    # From the environment at the moment git asks: never written to a file or a URL.
    git config credential.helper '!f() { echo "username=${GIT_USERNAME}"; echo "password=${GIT_PASSWORD}"; }; f'
  fi
  echo "git fetch --depth 1 $GIT_URL $GIT_REF"
  git fetch -q --depth 1 "$GIT_URL" "$GIT_REF"
  git -c advice.detachedHead=false checkout -q FETCH_HEAD
  commit="$(git rev-parse HEAD)"
  rm -rf .git
  echo "commit $commit"
  printf '%s' "$commit" > /dev/termination-log
  printf '%s' "$commit" > /var/run/berth-build/revision
  ;;
image)
  echo "fetching the uploaded context ($CONTEXT_IMAGE)"
  crane export ${INSECURE_REGISTRY:+--insecure} "$CONTEXT_IMAGE" - | tar -x -f - -C /workspace
  ;;
*)
  echo "error: unknown BERTH_SOURCE '$BERTH_SOURCE'" >&2
  exit 2
  ;;
esac
