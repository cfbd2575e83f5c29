-- CreateEnum
CREATE TYPE "TallyJobKind" AS ENUM ('PREVIEW', 'RECOUNT');

-- CreateEnum
CREATE TYPE "TallyJobStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "TallyJob" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "kind" "TallyJobKind" NOT NULL,
    "roundState" TEXT NOT NULL,
    "status" "TallyJobStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "input" TEXT NOT NULL DEFAULT '',
    "result" TEXT NOT NULL DEFAULT '',
    "error" TEXT NOT NULL DEFAULT '',
    "requestedById" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedBy" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "TallyJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TallyJob_status_leaseUntil_idx" ON "TallyJob"("status", "leaseUntil");

-- CreateIndex
CREATE INDEX "TallyJob_roundId_kind_roundState_idx" ON "TallyJob"("roundId", "kind", "roundState");

-- AddForeignKey
ALTER TABLE "TallyJob" ADD CONSTRAINT "TallyJob_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;
