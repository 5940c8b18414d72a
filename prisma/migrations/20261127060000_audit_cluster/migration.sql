-- Audit entries about something in a namespace say which cluster it lives on (by name: kept
-- when the cluster is removed).
ALTER TABLE "AuditEvent" ADD COLUMN "cluster" TEXT;
