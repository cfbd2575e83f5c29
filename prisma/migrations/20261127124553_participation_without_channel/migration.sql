-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Participation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "codeId" TEXT,
    "userId" TEXT,
    CONSTRAINT "Participation_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Participation_codeId_fkey" FOREIGN KEY ("codeId") REFERENCES "VotingCode" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Participation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Participation" ("codeId", "id", "roundId", "userId") SELECT "codeId", "id", "roundId", "userId" FROM "Participation";
DROP TABLE "Participation";
ALTER TABLE "new_Participation" RENAME TO "Participation";
CREATE UNIQUE INDEX "Participation_codeId_key" ON "Participation"("codeId");
CREATE UNIQUE INDEX "Participation_roundId_userId_key" ON "Participation"("roundId", "userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
