-- CreateTable
CREATE TABLE "Category" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "names" TEXT NOT NULL,
    CONSTRAINT "Category_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Proposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "number" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "authorId" TEXT NOT NULL,
    "categoryId" TEXT,
    "originalLocale" TEXT NOT NULL,
    "requestedCents" INTEGER NOT NULL DEFAULT 0,
    "cityCostCents" INTEGER,
    "locationText" TEXT NOT NULL DEFAULT '',
    "latitude" REAL,
    "longitude" REAL,
    "carrier" TEXT NOT NULL DEFAULT 'RESIDENTS',
    "carrierNames" TEXT NOT NULL DEFAULT '',
    "organisationName" TEXT NOT NULL DEFAULT '',
    "verdictNote" TEXT NOT NULL DEFAULT '',
    "changesDeadline" DATETIME,
    "coachId" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "submittedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Proposal_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Proposal_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Proposal_coachId_fkey" FOREIGN KEY ("coachId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Proposal_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProposalText" (
    "proposalId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "description" TEXT NOT NULL,

    PRIMARY KEY ("proposalId", "locale"),
    CONSTRAINT "ProposalText_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CostLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "proposalId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    CONSTRAINT "CostLine_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProposalMember" (
    "proposalId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("proposalId", "userId"),
    CONSTRAINT "ProposalMember_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProposalMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProposalInvite" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "proposalId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "acceptedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProposalInvite_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProposalPhoto" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "proposalId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "altText" TEXT NOT NULL,
    CONSTRAINT "ProposalPhoto_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProposalEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "proposalId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "ProposalEvent_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CoachNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "proposalId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CoachNote_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CoachNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BudgetRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "neighbourhoodId" TEXT NOT NULL,
    "originalLocale" TEXT NOT NULL,
    "budgetCents" INTEGER NOT NULL,
    "phase" TEXT NOT NULL DEFAULT 'DRAFT',
    "hasReview" BOOLEAN NOT NULL DEFAULT true,
    "submissionStartsAt" DATETIME,
    "submissionEndsAt" DATETIME,
    "reviewStartsAt" DATETIME,
    "reviewEndsAt" DATETIME,
    "votingStartsAt" DATETIME,
    "votingEndsAt" DATETIME,
    "resultsAt" DATETIME,
    "phaseChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "minAmountCents" INTEGER,
    "maxAmountCents" INTEGER,
    "maxSharePercent" INTEGER,
    "organisationsMaySubmit" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "BudgetRound_neighbourhoodId_fkey" FOREIGN KEY ("neighbourhoodId") REFERENCES "Neighbourhood" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_BudgetRound" ("budgetCents", "createdAt", "hasReview", "id", "neighbourhoodId", "originalLocale", "phase", "phaseChangedAt", "resultsAt", "reviewEndsAt", "reviewStartsAt", "submissionEndsAt", "submissionStartsAt", "updatedAt", "votingEndsAt", "votingStartsAt") SELECT "budgetCents", "createdAt", "hasReview", "id", "neighbourhoodId", "originalLocale", "phase", "phaseChangedAt", "resultsAt", "reviewEndsAt", "reviewStartsAt", "submissionEndsAt", "submissionStartsAt", "updatedAt", "votingEndsAt", "votingStartsAt" FROM "BudgetRound";
DROP TABLE "BudgetRound";
ALTER TABLE "new_BudgetRound" RENAME TO "BudgetRound";
CREATE INDEX "BudgetRound_neighbourhoodId_idx" ON "BudgetRound"("neighbourhoodId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Category_roundId_idx" ON "Category"("roundId");

-- CreateIndex
CREATE INDEX "Proposal_roundId_status_idx" ON "Proposal"("roundId", "status");

-- CreateIndex
CREATE INDEX "Proposal_authorId_idx" ON "Proposal"("authorId");

-- CreateIndex
CREATE UNIQUE INDEX "Proposal_roundId_number_key" ON "Proposal"("roundId", "number");

-- CreateIndex
CREATE INDEX "CostLine_proposalId_idx" ON "CostLine"("proposalId");

-- CreateIndex
CREATE INDEX "ProposalMember_userId_idx" ON "ProposalMember"("userId");

-- CreateIndex
CREATE INDEX "ProposalInvite_proposalId_idx" ON "ProposalInvite"("proposalId");

-- CreateIndex
CREATE INDEX "ProposalPhoto_proposalId_idx" ON "ProposalPhoto"("proposalId");

-- CreateIndex
CREATE INDEX "ProposalEvent_proposalId_idx" ON "ProposalEvent"("proposalId");

-- CreateIndex
CREATE INDEX "CoachNote_proposalId_idx" ON "CoachNote"("proposalId");
