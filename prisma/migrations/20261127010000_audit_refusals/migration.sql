-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "aggregateKey" TEXT,
ADD COLUMN     "count" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "source" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_aggregateKey_key" ON "AuditEvent"("aggregateKey");

-- CreateIndex
CREATE INDEX "AuditEvent_source_at_idx" ON "AuditEvent"("source", "at");

