-- AlterTable
ALTER TABLE "PanelMember" ADD COLUMN     "isViceChair" BOOLEAN NOT NULL DEFAULT false;
