-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PanelMember" (
    "roundId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "isChair" BOOLEAN NOT NULL DEFAULT false,
    "isViceChair" BOOLEAN NOT NULL DEFAULT false,
    "namePublic" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("roundId", "userId"),
    CONSTRAINT "PanelMember_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PanelMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PanelMember" ("createdAt", "isChair", "namePublic", "roundId", "userId") SELECT "createdAt", "isChair", "namePublic", "roundId", "userId" FROM "PanelMember";
DROP TABLE "PanelMember";
ALTER TABLE "new_PanelMember" RENAME TO "PanelMember";
CREATE INDEX "PanelMember_userId_idx" ON "PanelMember"("userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
