-- AlterEnum
ALTER TYPE "RsvpStatus" ADD VALUE 'PENDING';

-- AlterTable
ALTER TABLE "Rsvp" ADD COLUMN     "pendingUntil" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Rsvp_pendingUntil_idx" ON "Rsvp"("pendingUntil");
