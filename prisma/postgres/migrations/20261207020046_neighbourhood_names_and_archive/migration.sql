-- AlterTable
ALTER TABLE "Neighbourhood" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "names" TEXT NOT NULL DEFAULT '{}';
