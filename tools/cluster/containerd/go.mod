// containerd (daemon, runc shim, ctr) for the local cluster's real node, from the Go module proxy.
module berth.local/tools/cluster/containerd

go 1.26.6

require github.com/containerd/containerd/v2 v2.4.2 // indirect
