-- CreateTable
CREATE TABLE "CodeBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "plainCodes" TEXT,
    "csvDownloadedAt" DATETIME,
    "lettersDownloadedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CodeBatch_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VotingCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "serial" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "batchId" TEXT,
    "voidedAt" DATETIME,
    "replacedBy" INTEGER,
    CONSTRAINT "VotingCode_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoundVoter" (
    "roundId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "birthYear" INTEGER,
    "verifiedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("roundId", "userId"),
    CONSTRAINT "RoundVoter_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoundVoter_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Participation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "codeId" TEXT,
    "userId" TEXT,
    "channel" TEXT NOT NULL,
    CONSTRAINT "Participation_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Participation_codeId_fkey" FOREIGN KEY ("codeId") REFERENCES "VotingCode" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Participation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Ballot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "receiptHash" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    CONSTRAINT "Ballot_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BallotChoice" (
    "ballotId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 1,

    PRIMARY KEY ("ballotId", "proposalId"),
    CONSTRAINT "BallotChoice_ballotId_fkey" FOREIGN KEY ("ballotId") REFERENCES "Ballot" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BallotChoice_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoundResult" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "rule" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "publishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RoundResult_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RealisationUpdate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "proposalId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "photo" TEXT,
    "photoAlt" TEXT NOT NULL DEFAULT '',
    "day" TEXT NOT NULL,
    "authorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RealisationUpdate_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "teamsMayCreateEvents" BOOLEAN NOT NULL DEFAULT false,
    "ballotMethod" TEXT NOT NULL DEFAULT 'APPROVAL_BUDGET',
    "tallyRule" TEXT NOT NULL DEFAULT 'greedy',
    "approvalLimit" INTEGER,
    "cumulativePoints" INTEGER,
    "cumulativeMaxPerProject" INTEGER,
    "eligibility" TEXT NOT NULL DEFAULT 'CODES',
    "codesPerHousehold" BOOLEAN NOT NULL DEFAULT false,
    "minimumAge" INTEGER NOT NULL DEFAULT 16,
    "selfDeclaredVoters" BOOLEAN NOT NULL DEFAULT false,
    "importedFrom" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "BudgetRound_neighbourhoodId_fkey" FOREIGN KEY ("neighbourhoodId") REFERENCES "Neighbourhood" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_BudgetRound" ("budgetCents", "createdAt", "hasReview", "id", "maxAmountCents", "maxSharePercent", "minAmountCents", "neighbourhoodId", "organisationsMaySubmit", "originalLocale", "phase", "phaseChangedAt", "resultsAt", "reviewEndsAt", "reviewStartsAt", "submissionEndsAt", "submissionStartsAt", "teamsMayCreateEvents", "updatedAt", "votingEndsAt", "votingStartsAt") SELECT "budgetCents", "createdAt", "hasReview", "id", "maxAmountCents", "maxSharePercent", "minAmountCents", "neighbourhoodId", "organisationsMaySubmit", "originalLocale", "phase", "phaseChangedAt", "resultsAt", "reviewEndsAt", "reviewStartsAt", "submissionEndsAt", "submissionStartsAt", "teamsMayCreateEvents", "updatedAt", "votingEndsAt", "votingStartsAt" FROM "BudgetRound";
DROP TABLE "BudgetRound";
ALTER TABLE "new_BudgetRound" RENAME TO "BudgetRound";
CREATE INDEX "BudgetRound_neighbourhoodId_idx" ON "BudgetRound"("neighbourhoodId");
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
    "withdrawnReason" TEXT NOT NULL DEFAULT '',
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
INSERT INTO "new_Proposal" ("authorId", "carrier", "carrierNames", "categoryId", "changesDeadline", "cityCostCents", "coachId", "createdAt", "id", "latitude", "locationText", "longitude", "number", "organisationName", "originalLocale", "panelRationale", "requestedCents", "roundId", "searchText", "status", "submittedAt", "updatedAt", "verdictNote") SELECT "authorId", "carrier", "carrierNames", "categoryId", "changesDeadline", "cityCostCents", "coachId", "createdAt", "id", "latitude", "locationText", "longitude", "number", "organisationName", "originalLocale", "panelRationale", "requestedCents", "roundId", "searchText", "status", "submittedAt", "updatedAt", "verdictNote" FROM "Proposal";
DROP TABLE "Proposal";
ALTER TABLE "new_Proposal" RENAME TO "Proposal";
CREATE INDEX "Proposal_roundId_status_idx" ON "Proposal"("roundId", "status");
CREATE INDEX "Proposal_authorId_idx" ON "Proposal"("authorId");
CREATE UNIQUE INDEX "Proposal_roundId_number_key" ON "Proposal"("roundId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
