// helm, to render imported charts (`helm template`); Berth applies the output itself.
module berth.local/tools/cluster/helm

go 1.26.0

require helm.sh/helm/v3 v3.22.0
