// BuildKit (buildkitd + buildctl) for in-cluster builds of any Dockerfile, and crane
// (go-containerregistry, already one of BuildKit's dependencies) for the init step that
// fetches an uploaded build context from the registry. Both go into the builder image.
module berth.local/tools/cluster/buildkit

go 1.26.8

require (
	github.com/google/go-containerregistry v0.21.7
	github.com/moby/buildkit v0.34.2
)
