-- CreateEnum
CREATE TYPE "BallotMethod" AS ENUM ('APPROVAL_BUDGET', 'APPROVAL_K', 'CUMULATIVE');

-- CreateEnum
CREATE TYPE "Eligibility" AS ENUM ('CODES', 'ACCOUNTS');

-- CreateEnum
CREATE TYPE "BallotChannel" AS ENUM ('ONLINE', 'PAPER');

-- CreateEnum
CREATE TYPE "RealisationStatus" AS ENUM ('IN_PROGRESS', 'REALISED');

-- AlterTable
ALTER TABLE "BudgetRound" ADD COLUMN     "approvalLimit" INTEGER,
ADD COLUMN     "ballotMethod" "BallotMethod" NOT NULL DEFAULT 'APPROVAL_BUDGET',
ADD COLUMN     "codesPerHousehold" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "cumulativeMaxPerProject" INTEGER,
ADD COLUMN     "cumulativePoints" INTEGER,
ADD COLUMN     "eligibility" "Eligibility" NOT NULL DEFAULT 'CODES',
ADD COLUMN     "importedFrom" TEXT,
ADD COLUMN     "minimumAge" INTEGER NOT NULL DEFAULT 16,
ADD COLUMN     "selfDeclaredVoters" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "tallyRule" TEXT NOT NULL DEFAULT 'greedy';

-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "withdrawnReason" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "CodeBatch" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "plainCodes" TEXT,
    "csvDownloadedAt" TIMESTAMP(3),
    "lettersDownloadedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CodeBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VotingCode" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "serial" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "batchId" TEXT,
    "voidedAt" TIMESTAMP(3),
    "replacedBy" INTEGER,

    CONSTRAINT "VotingCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoundVoter" (
    "roundId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "birthYear" INTEGER,
    "verifiedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoundVoter_pkey" PRIMARY KEY ("roundId","userId")
);

-- CreateTable
CREATE TABLE "Participation" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "codeId" TEXT,
    "userId" TEXT,
    "channel" "BallotChannel" NOT NULL,

    CONSTRAINT "Participation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ballot" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "receiptHash" TEXT NOT NULL,
    "channel" "BallotChannel" NOT NULL,

    CONSTRAINT "Ballot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BallotChoice" (
    "ballotId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "BallotChoice_pkey" PRIMARY KEY ("ballotId","proposalId")
);

-- CreateTable
CREATE TABLE "RoundResult" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "rule" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoundResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RealisationUpdate" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "status" "RealisationStatus" NOT NULL,
    "text" TEXT NOT NULL,
    "photo" TEXT,
    "photoAlt" TEXT NOT NULL DEFAULT '',
    "day" TEXT NOT NULL,
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RealisationUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CodeBatch_roundId_idx" ON "CodeBatch"("roundId");

-- CreateIndex
CREATE UNIQUE INDEX "VotingCode_codeHash_key" ON "VotingCode"("codeHash");

-- CreateIndex
CREATE UNIQUE INDEX "VotingCode_roundId_serial_key" ON "VotingCode"("roundId", "serial");

-- CreateIndex
CREATE UNIQUE INDEX "Participation_codeId_key" ON "Participation"("codeId");

-- CreateIndex
CREATE UNIQUE INDEX "Participation_roundId_userId_key" ON "Participation"("roundId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_receiptHash_key" ON "Ballot"("receiptHash");

-- CreateIndex
CREATE INDEX "Ballot_roundId_idx" ON "Ballot"("roundId");

-- CreateIndex
CREATE INDEX "BallotChoice_proposalId_idx" ON "BallotChoice"("proposalId");

-- CreateIndex
CREATE UNIQUE INDEX "RoundResult_roundId_version_key" ON "RoundResult"("roundId", "version");

-- CreateIndex
CREATE INDEX "RealisationUpdate_proposalId_idx" ON "RealisationUpdate"("proposalId");

-- AddForeignKey
ALTER TABLE "CodeBatch" ADD CONSTRAINT "CodeBatch_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VotingCode" ADD CONSTRAINT "VotingCode_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundVoter" ADD CONSTRAINT "RoundVoter_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundVoter" ADD CONSTRAINT "RoundVoter_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_codeId_fkey" FOREIGN KEY ("codeId") REFERENCES "VotingCode"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotChoice" ADD CONSTRAINT "BallotChoice_ballotId_fkey" FOREIGN KEY ("ballotId") REFERENCES "Ballot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotChoice" ADD CONSTRAINT "BallotChoice_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundResult" ADD CONSTRAINT "RoundResult_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RealisationUpdate" ADD CONSTRAINT "RealisationUpdate_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;
