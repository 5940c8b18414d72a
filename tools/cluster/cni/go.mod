// CNI plugins (bridge, host-local, loopback, portmap) for the local cluster's real node.
module berth.local/tools/cluster/cni

go 1.26.8

require github.com/containernetworking/plugins v1.10.0
