-- CreateTable
CREATE TABLE "AppTemplate" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "descriptionZh" TEXT NOT NULL,
    "readme" TEXT NOT NULL,
    "readmeZh" TEXT NOT NULL,
    "icon" TEXT NOT NULL,
    "maintainer" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'curated',
    "teamId" TEXT,
    "published" BOOLEAN NOT NULL DEFAULT true,
    "editedByAdmin" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppTemplateVersion" (
    "id" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "parameters" JSONB NOT NULL,
    "manifests" TEXT NOT NULL,
    "changelog" TEXT NOT NULL DEFAULT '',
    "deprecated" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppTemplateVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Release" (
    "id" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "values" JSONB NOT NULL,
    "secretValues" TEXT,
    "objects" JSONB NOT NULL,
    "action" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "reason" TEXT,
    "deadline" TIMESTAMP(3),
    "revision" INTEGER NOT NULL DEFAULT 1,
    "keepOnFailure" BOOLEAN NOT NULL DEFAULT false,
    "identity" JSONB,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleaseRevision" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "values" JSONB NOT NULL,
    "action" TEXT NOT NULL,
    "byEmail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReleaseRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AppTemplate_slug_key" ON "AppTemplate"("slug");

-- CreateIndex
CREATE INDEX "AppTemplate_teamId_idx" ON "AppTemplate"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "AppTemplateVersion_templateId_version_key" ON "AppTemplateVersion"("templateId", "version");

-- CreateIndex
CREATE INDEX "Release_teamId_idx" ON "Release"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "Release_namespace_name_key" ON "Release"("namespace", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ReleaseRevision_releaseId_revision_key" ON "ReleaseRevision"("releaseId", "revision");

-- AddForeignKey
ALTER TABLE "AppTemplate" ADD CONSTRAINT "AppTemplate_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppTemplateVersion" ADD CONSTRAINT "AppTemplateVersion_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "AppTemplate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "AppTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "AppTemplateVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseRevision" ADD CONSTRAINT "ReleaseRevision_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

