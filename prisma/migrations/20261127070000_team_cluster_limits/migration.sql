-- A team's limits on one cluster, where a platform admin set them apart from the team's own
-- (which hold on every other cluster).
CREATE TABLE "TeamClusterLimits" (
    "teamId" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "maxCpu" TEXT NOT NULL,
    "maxMemory" TEXT NOT NULL,
    "maxPods" INTEGER NOT NULL,
    "maxStorage" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TeamClusterLimits_pkey" PRIMARY KEY ("teamId","clusterId")
);

CREATE INDEX "TeamClusterLimits_clusterId_idx" ON "TeamClusterLimits"("clusterId");

ALTER TABLE "TeamClusterLimits" ADD CONSTRAINT "TeamClusterLimits_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "TeamClusterLimits" ADD CONSTRAINT "TeamClusterLimits_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;
