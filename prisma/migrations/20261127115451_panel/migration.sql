-- CreateTable
CREATE TABLE "Panel" (
    "roundId" TEXT NOT NULL PRIMARY KEY,
    "mode" TEXT NOT NULL DEFAULT 'SHORTLIST',
    "weightPercent" INTEGER NOT NULL DEFAULT 0,
    "scaleMin" INTEGER NOT NULL DEFAULT 1,
    "scaleMax" INTEGER NOT NULL DEFAULT 5,
    CONSTRAINT "Panel_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PanelMember" (
    "roundId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "isChair" BOOLEAN NOT NULL DEFAULT false,
    "namePublic" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("roundId", "userId"),
    CONSTRAINT "PanelMember_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PanelMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PanelInvite" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "acceptedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PanelInvite_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PanelCriterion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "names" TEXT NOT NULL,
    "explanations" TEXT NOT NULL DEFAULT '{}',
    "weight" INTEGER NOT NULL,
    CONSTRAINT "PanelCriterion_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PanelConflict" (
    "proposalId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("proposalId", "userId"),
    CONSTRAINT "PanelConflict_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PanelConflict_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PanelReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "proposalId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "recommendation" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PanelReview_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PanelReview_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PanelScore" (
    "reviewId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,

    PRIMARY KEY ("reviewId", "criterionId"),
    CONSTRAINT "PanelScore_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "PanelReview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PanelScore_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "PanelCriterion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Proposal" (
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
    "panelRationale" TEXT NOT NULL DEFAULT '',
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
INSERT INTO "new_Proposal" ("authorId", "carrier", "carrierNames", "categoryId", "changesDeadline", "cityCostCents", "coachId", "createdAt", "id", "latitude", "locationText", "longitude", "number", "organisationName", "originalLocale", "requestedCents", "roundId", "searchText", "status", "submittedAt", "updatedAt", "verdictNote") SELECT "authorId", "carrier", "carrierNames", "categoryId", "changesDeadline", "cityCostCents", "coachId", "createdAt", "id", "latitude", "locationText", "longitude", "number", "organisationName", "originalLocale", "requestedCents", "roundId", "searchText", "status", "submittedAt", "updatedAt", "verdictNote" FROM "Proposal";
DROP TABLE "Proposal";
ALTER TABLE "new_Proposal" RENAME TO "Proposal";
CREATE INDEX "Proposal_roundId_status_idx" ON "Proposal"("roundId", "status");
CREATE INDEX "Proposal_authorId_idx" ON "Proposal"("authorId");
CREATE UNIQUE INDEX "Proposal_roundId_number_key" ON "Proposal"("roundId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
