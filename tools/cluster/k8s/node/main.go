// One binary for the node programs, chosen by argv[0] (the build links kubelet and
// kube-proxy to it), from the same wrapper module as the control plane. Each branch
// is the upstream cmd/<name>/main.go, so behaviour and flags are upstream's.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"
	_ "k8s.io/component-base/metrics/prometheus/restclient"
	_ "k8s.io/component-base/metrics/prometheus/version"
	kubeproxy "k8s.io/kubernetes/cmd/kube-proxy/app"
	kubelet "k8s.io/kubernetes/cmd/kubelet/app"
)

func main() {
	var cmd *cobra.Command
	switch name := filepath.Base(os.Args[0]); name {
	case "kubelet":
		cmd = kubelet.NewKubeletCommand(context.Background())
	case "kube-proxy":
		cmd = kubeproxy.NewProxyCommand()
	default:
		fmt.Fprintf(os.Stderr, "run me as kubelet or kube-proxy (got %q)\n", name)
		os.Exit(2)
	}
	os.Exit(cli.Run(cmd))
}
