-- AlterTable
ALTER TABLE "AppTemplateVersion" ADD COLUMN     "chart" BYTEA,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'manifests';

