-- AlterTable
ALTER TABLE "Participation" DROP COLUMN "channel";
