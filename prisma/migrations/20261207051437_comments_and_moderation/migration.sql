-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "proposalId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "parentId" TEXT,
    "body" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "asPanelMember" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" DATETIME,
    "deletedAt" DATETIME,
    "hiddenAt" DATETIME,
    "hiddenReason" TEXT NOT NULL DEFAULT '',
    "hiddenReasonLocale" TEXT,
    "hiddenById" TEXT,
    "eraseAfter" DATETIME,
    "erasedAt" DATETIME,
    CONSTRAINT "Comment_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reporterId" TEXT NOT NULL,
    "commentId" TEXT,
    "proposalId" TEXT,
    "reason" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    CONSTRAINT "Report_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Report_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Report_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "verdictNoteLocale" TEXT,
    "withdrawnReason" TEXT NOT NULL DEFAULT '',
    "withdrawnReasonLocale" TEXT,
    "panelRationale" TEXT NOT NULL DEFAULT '',
    "panelRationaleLocale" TEXT,
    "changesDeadline" DATETIME,
    "coachId" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "submittedAt" DATETIME,
    "commentsClosedAt" DATETIME,
    "commentsClosedReason" TEXT NOT NULL DEFAULT '',
    "commentsClosedReasonLocale" TEXT,
    "hiddenAt" DATETIME,
    "hiddenReason" TEXT NOT NULL DEFAULT '',
    "hiddenReasonLocale" TEXT,
    "hiddenById" TEXT,
    "eraseAfter" DATETIME,
    "erasedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Proposal_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Proposal_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Proposal_coachId_fkey" FOREIGN KEY ("coachId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Proposal_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Proposal" ("authorId", "carrier", "carrierNames", "categoryId", "changesDeadline", "cityCostCents", "coachId", "createdAt", "id", "latitude", "locationText", "longitude", "number", "organisationName", "originalLocale", "panelRationale", "panelRationaleLocale", "requestedCents", "roundId", "searchText", "status", "submittedAt", "updatedAt", "verdictNote", "verdictNoteLocale", "withdrawnReason", "withdrawnReasonLocale") SELECT "authorId", "carrier", "carrierNames", "categoryId", "changesDeadline", "cityCostCents", "coachId", "createdAt", "id", "latitude", "locationText", "longitude", "number", "organisationName", "originalLocale", "panelRationale", "panelRationaleLocale", "requestedCents", "roundId", "searchText", "status", "submittedAt", "updatedAt", "verdictNote", "verdictNoteLocale", "withdrawnReason", "withdrawnReasonLocale" FROM "Proposal";
DROP TABLE "Proposal";
ALTER TABLE "new_Proposal" RENAME TO "Proposal";
CREATE INDEX "Proposal_eraseAfter_idx" ON "Proposal"("eraseAfter");
CREATE INDEX "Proposal_roundId_status_idx" ON "Proposal"("roundId", "status");
CREATE INDEX "Proposal_authorId_idx" ON "Proposal"("authorId");
CREATE UNIQUE INDEX "Proposal_roundId_number_key" ON "Proposal"("roundId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Comment_proposalId_parentId_createdAt_idx" ON "Comment"("proposalId", "parentId", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_authorId_createdAt_idx" ON "Comment"("authorId", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_eraseAfter_idx" ON "Comment"("eraseAfter");

-- CreateIndex
CREATE INDEX "Report_resolvedAt_createdAt_idx" ON "Report"("resolvedAt", "createdAt");

-- CreateIndex
CREATE INDEX "Report_commentId_idx" ON "Report"("commentId");

-- CreateIndex
CREATE INDEX "Report_proposalId_idx" ON "Report"("proposalId");

-- CreateIndex
CREATE UNIQUE INDEX "Report_reporterId_commentId_key" ON "Report"("reporterId", "commentId");

-- CreateIndex
CREATE UNIQUE INDEX "Report_reporterId_proposalId_key" ON "Report"("reporterId", "proposalId");
