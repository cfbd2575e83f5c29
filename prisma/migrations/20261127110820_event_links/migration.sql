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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "BudgetRound_neighbourhoodId_fkey" FOREIGN KEY ("neighbourhoodId") REFERENCES "Neighbourhood" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_BudgetRound" ("budgetCents", "createdAt", "hasReview", "id", "maxAmountCents", "maxSharePercent", "minAmountCents", "neighbourhoodId", "organisationsMaySubmit", "originalLocale", "phase", "phaseChangedAt", "resultsAt", "reviewEndsAt", "reviewStartsAt", "submissionEndsAt", "submissionStartsAt", "updatedAt", "votingEndsAt", "votingStartsAt") SELECT "budgetCents", "createdAt", "hasReview", "id", "maxAmountCents", "maxSharePercent", "minAmountCents", "neighbourhoodId", "organisationsMaySubmit", "originalLocale", "phase", "phaseChangedAt", "resultsAt", "reviewEndsAt", "reviewStartsAt", "submissionEndsAt", "submissionStartsAt", "updatedAt", "votingEndsAt", "votingStartsAt" FROM "BudgetRound";
DROP TABLE "BudgetRound";
ALTER TABLE "new_BudgetRound" RENAME TO "BudgetRound";
CREATE INDEX "BudgetRound_neighbourhoodId_idx" ON "BudgetRound"("neighbourhoodId");
CREATE TABLE "new_Event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "neighbourhoodId" TEXT NOT NULL,
    "originalLocale" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "place" TEXT NOT NULL,
    "latitude" REAL,
    "longitude" REAL,
    "organiser" TEXT NOT NULL,
    "capacity" INTEGER,
    "confirmedCount" INTEGER NOT NULL DEFAULT 0,
    "accessibility" TEXT NOT NULL DEFAULT '',
    "roundId" TEXT,
    "proposalId" TEXT,
    "cancelledAt" DATETIME,
    "cancelReason" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Event_neighbourhoodId_fkey" FOREIGN KEY ("neighbourhoodId") REFERENCES "Neighbourhood" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Event_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Event_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Event" ("accessibility", "cancelReason", "cancelledAt", "capacity", "confirmedCount", "createdAt", "createdById", "endsAt", "id", "latitude", "longitude", "neighbourhoodId", "organiser", "originalLocale", "place", "proposalId", "roundId", "startsAt", "updatedAt") SELECT "accessibility", "cancelReason", "cancelledAt", "capacity", "confirmedCount", "createdAt", "createdById", "endsAt", "id", "latitude", "longitude", "neighbourhoodId", "organiser", "originalLocale", "place", "proposalId", "roundId", "startsAt", "updatedAt" FROM "Event";
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE INDEX "Event_neighbourhoodId_startsAt_idx" ON "Event"("neighbourhoodId", "startsAt");
CREATE INDEX "Event_startsAt_idx" ON "Event"("startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
