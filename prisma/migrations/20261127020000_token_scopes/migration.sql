-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "scope" TEXT NOT NULL DEFAULT 'read';


-- Tokens made before scopes existed could do everything a session can: they keep that
-- (admin). New tokens are read-only unless asked otherwise.
UPDATE "ApiToken" SET "scope" = 'admin';
