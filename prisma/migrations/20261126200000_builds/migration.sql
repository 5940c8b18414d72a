-- CreateEnum
CREATE TYPE "BuildStatus" AS ENUM ('Pending', 'Running', 'Succeeded', 'Failed', 'Cancelled');

-- CreateTable
CREATE TABLE "Registry" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "username" TEXT,
    "passwordEnc" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Registry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Build" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "userId" TEXT,
    "createdBy" TEXT NOT NULL,
    "sourceKind" TEXT NOT NULL,
    "sourceName" TEXT,
    "sourceSize" BIGINT,
    "sourceSha256" TEXT,
    "gitUrl" TEXT,
    "gitRef" TEXT,
    "gitSubdir" TEXT,
    "gitCommit" TEXT,
    "strategy" TEXT NOT NULL,
    "base" TEXT,
    "registry" TEXT NOT NULL,
    "image" TEXT NOT NULL,
    "digest" TEXT,
    "port" INTEGER,
    "status" "BuildStatus" NOT NULL DEFAULT 'Pending',
    "steps" JSONB NOT NULL DEFAULT '[]',
    "log" TEXT NOT NULL DEFAULT '',
    "error" TEXT,
    "pipelineId" TEXT,
    "updateApp" TEXT,
    "appUpdated" BOOLEAN,
    "runner" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Build_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pipeline" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sourceKind" TEXT NOT NULL DEFAULT 'git',
    "gitUrl" TEXT,
    "gitUrlEnc" TEXT,
    "gitRef" TEXT NOT NULL DEFAULT 'main',
    "gitSubdir" TEXT,
    "strategy" TEXT NOT NULL DEFAULT 'dockerfile',
    "base" TEXT,
    "registry" TEXT NOT NULL,
    "image" TEXT NOT NULL,
    "updateApp" TEXT,
    "artifactName" TEXT,
    "artifactSize" BIGINT,
    "artifactSha256" TEXT,
    "artifactAt" TIMESTAMP(3),
    "secretEnc" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "userId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Pipeline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "pipelineId" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LayerCache" (
    "key" TEXT NOT NULL,
    "diffId" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LayerCache_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Registry_teamId_name_key" ON "Registry"("teamId", "name");

-- CreateIndex
CREATE INDEX "Build_namespace_createdAt_idx" ON "Build"("namespace", "createdAt");

-- CreateIndex
CREATE INDEX "Build_namespace_updatedAt_idx" ON "Build"("namespace", "updatedAt");

-- CreateIndex
CREATE INDEX "Build_status_idx" ON "Build"("status");

-- CreateIndex
CREATE INDEX "Build_pipelineId_createdAt_idx" ON "Build"("pipelineId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Pipeline_namespace_name_key" ON "Pipeline"("namespace", "name");

-- CreateIndex
CREATE INDEX "WebhookDelivery_pipelineId_at_idx" ON "WebhookDelivery"("pipelineId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_pipelineId_deliveryId_key" ON "WebhookDelivery"("pipelineId", "deliveryId");

-- AddForeignKey
ALTER TABLE "Registry" ADD CONSTRAINT "Registry_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Build" ADD CONSTRAINT "Build_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Build" ADD CONSTRAINT "Build_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pipeline" ADD CONSTRAINT "Pipeline_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

