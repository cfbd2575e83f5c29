-- CreateEnum
CREATE TYPE "PanelMode" AS ENUM ('SHORTLIST', 'WEIGHTED');

-- CreateEnum
CREATE TYPE "PanelRecommendation" AS ENUM ('SHORTLIST', 'REJECT', 'ABSTAIN');

-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "panelRationale" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "Panel" (
    "roundId" TEXT NOT NULL,
    "mode" "PanelMode" NOT NULL DEFAULT 'SHORTLIST',
    "weightPercent" INTEGER NOT NULL DEFAULT 0,
    "scaleMin" INTEGER NOT NULL DEFAULT 1,
    "scaleMax" INTEGER NOT NULL DEFAULT 5,

    CONSTRAINT "Panel_pkey" PRIMARY KEY ("roundId")
);

-- CreateTable
CREATE TABLE "PanelMember" (
    "roundId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "isChair" BOOLEAN NOT NULL DEFAULT false,
    "namePublic" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PanelMember_pkey" PRIMARY KEY ("roundId","userId")
);

-- CreateTable
CREATE TABLE "PanelInvite" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PanelInvite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PanelCriterion" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "names" TEXT NOT NULL,
    "explanations" TEXT NOT NULL DEFAULT '{}',
    "weight" INTEGER NOT NULL,

    CONSTRAINT "PanelCriterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PanelConflict" (
    "proposalId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PanelConflict_pkey" PRIMARY KEY ("proposalId","userId")
);

-- CreateTable
CREATE TABLE "PanelReview" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "recommendation" "PanelRecommendation",
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PanelReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PanelScore" (
    "reviewId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,

    CONSTRAINT "PanelScore_pkey" PRIMARY KEY ("reviewId","criterionId")
);

-- CreateIndex
CREATE INDEX "PanelMember_userId_idx" ON "PanelMember"("userId");

-- CreateIndex
CREATE INDEX "PanelInvite_roundId_idx" ON "PanelInvite"("roundId");

-- CreateIndex
CREATE INDEX "PanelCriterion_roundId_idx" ON "PanelCriterion"("roundId");

-- CreateIndex
CREATE INDEX "PanelReview_userId_idx" ON "PanelReview"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "PanelReview_proposalId_userId_key" ON "PanelReview"("proposalId", "userId");

-- CreateIndex
CREATE INDEX "PanelScore_criterionId_idx" ON "PanelScore"("criterionId");

-- AddForeignKey
ALTER TABLE "Panel" ADD CONSTRAINT "Panel_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelMember" ADD CONSTRAINT "PanelMember_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelMember" ADD CONSTRAINT "PanelMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelInvite" ADD CONSTRAINT "PanelInvite_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelCriterion" ADD CONSTRAINT "PanelCriterion_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelConflict" ADD CONSTRAINT "PanelConflict_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelConflict" ADD CONSTRAINT "PanelConflict_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelReview" ADD CONSTRAINT "PanelReview_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelReview" ADD CONSTRAINT "PanelReview_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelScore" ADD CONSTRAINT "PanelScore_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "PanelReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelScore" ADD CONSTRAINT "PanelScore_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "PanelCriterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
