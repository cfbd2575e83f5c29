-- AlterTable
ALTER TABLE "User" ADD COLUMN     "deletedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "DeletedVoter" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "salt" TEXT NOT NULL,
    "addressHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeletedVoter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeletedVoter_roundId_idx" ON "DeletedVoter"("roundId");

-- AddForeignKey
ALTER TABLE "DeletedVoter" ADD CONSTRAINT "DeletedVoter_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;
