-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Neighbourhood" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "names" TEXT NOT NULL DEFAULT '{}',
    "boundary" TEXT NOT NULL,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Neighbourhood" ("boundary", "city", "createdAt", "id", "name", "slug") SELECT "boundary", "city", "createdAt", "id", "name", "slug" FROM "Neighbourhood";
DROP TABLE "Neighbourhood";
ALTER TABLE "new_Neighbourhood" RENAME TO "Neighbourhood";
CREATE UNIQUE INDEX "Neighbourhood_slug_key" ON "Neighbourhood"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
