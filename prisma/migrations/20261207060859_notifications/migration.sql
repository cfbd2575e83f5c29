-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "headers" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "task" TEXT;

-- CreateTable
CREATE TABLE "ProposalFollow" (
    "userId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "following" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "proposalId"),
    CONSTRAINT "ProposalFollow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProposalFollow_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoundFollow" (
    "userId" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "following" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "roundId"),
    CONSTRAINT "RoundFollow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoundFollow_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "kind"),
    CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME,
    "inDigest" BOOLEAN NOT NULL DEFAULT false,
    "digestedAt" DATETIME,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UnsubscribeToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UnsubscribeToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
    "deletedAt" DATETIME,
    "blockedAt" DATETIME,
    "blockedReason" TEXT,
    "blockedById" TEXT,
    "deactivatedAt" DATETIME,
    "searchText" TEXT NOT NULL DEFAULT '',
    "unreadNotifications" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_blockedById_fkey" FOREIGN KEY ("blockedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("blockedAt", "blockedById", "blockedReason", "createdAt", "deactivatedAt", "deletedAt", "email", "emailVerifiedAt", "id", "isDemo", "locale", "name", "passwordHash", "role", "searchText", "totpEnabledAt", "totpKey", "totpLastStep", "updatedAt") SELECT "blockedAt", "blockedById", "blockedReason", "createdAt", "deactivatedAt", "deletedAt", "email", "emailVerifiedAt", "id", "isDemo", "locale", "name", "passwordHash", "role", "searchText", "totpEnabledAt", "totpKey", "totpLastStep", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_isDemo_idx" ON "User"("isDemo");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ProposalFollow_proposalId_following_idx" ON "ProposalFollow"("proposalId", "following");

-- CreateIndex
CREATE INDEX "RoundFollow_roundId_following_idx" ON "RoundFollow"("roundId", "following");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_inDigest_digestedAt_idx" ON "Notification"("userId", "inDigest", "digestedAt");

-- CreateIndex
CREATE INDEX "Notification_createdAt_idx" ON "Notification"("createdAt");

-- CreateIndex
CREATE INDEX "UnsubscribeToken_userId_idx" ON "UnsubscribeToken"("userId");

-- CreateIndex
CREATE INDEX "UnsubscribeToken_expiresAt_idx" ON "UnsubscribeToken"("expiresAt");
