-- AlterTable
ALTER TABLE "CostLine" ADD COLUMN     "labels" TEXT NOT NULL DEFAULT '{}';
