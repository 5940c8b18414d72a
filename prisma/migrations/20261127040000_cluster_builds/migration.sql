-- In-cluster builds: where a build runs (console or cluster)
ALTER TABLE "Build" ADD COLUMN "builder" TEXT NOT NULL DEFAULT 'console';
