-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CostLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "proposalId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "labels" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "CostLine_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CostLine" ("amountCents", "id", "label", "position", "proposalId") SELECT "amountCents", "id", "label", "position", "proposalId" FROM "CostLine";
DROP TABLE "CostLine";
ALTER TABLE "new_CostLine" RENAME TO "CostLine";
CREATE INDEX "CostLine_proposalId_idx" ON "CostLine"("proposalId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
