-- Several clusters: a Cluster per connection, and the cluster of each team namespace
CREATE TABLE "Cluster" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "kubeconfigEnc" TEXT,
    "server" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Cluster_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Cluster_name_key" ON "Cluster"("name");

-- The console's own connection, which every existing namespace is on (renamed at start: "local" for npm start)
INSERT INTO "Cluster" ("id", "name", "displayName", "source", "createdBy", "updatedAt") VALUES ('default', 'default', 'Default', 'default', 'berth', CURRENT_TIMESTAMP);

ALTER TABLE "TeamNamespace" ADD COLUMN "clusterId" TEXT NOT NULL DEFAULT 'default';

CREATE INDEX "TeamNamespace_clusterId_idx" ON "TeamNamespace"("clusterId");

ALTER TABLE "TeamNamespace" ADD CONSTRAINT "TeamNamespace_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
