-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'RESIDENT',
    "emailVerifiedAt" DATETIME,
    "locale" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "totpKey" TEXT,
    "totpEnabledAt" DATETIME,
    "totpLastStep" INTEGER NOT NULL DEFAULT 0,
    "blockedAt" DATETIME,
    "blockedReason" TEXT,
    "blockedById" TEXT,
    "deactivatedAt" DATETIME,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_blockedById_fkey" FOREIGN KEY ("blockedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("createdAt", "email", "emailVerifiedAt", "id", "isDemo", "locale", "name", "passwordHash", "role", "totpEnabledAt", "totpKey", "totpLastStep", "updatedAt") SELECT "createdAt", "email", "emailVerifiedAt", "id", "isDemo", "locale", "name", "passwordHash", "role", "totpEnabledAt", "totpKey", "totpLastStep", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_isDemo_idx" ON "User"("isDemo");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Backfill: accounts made before the column get their name and email in lower case (new and renamed accounts get the full folding of personSearchText).
UPDATE "User" SET "searchText" = lower("name" || ' ' || "email");
