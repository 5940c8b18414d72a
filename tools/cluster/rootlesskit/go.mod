// RootlessKit runs buildkitd without root in the builder image (rootless BuildKit): it makes
// the user namespace (with Debian's newuidmap/newgidmap) and mount namespace BuildKit runs in.
module berth.local/tools/cluster/rootlesskit

go 1.26.8

require github.com/rootless-containers/rootlesskit/v2 v2.3.6 // indirect
