-- AlterTable
ALTER TABLE "Rsvp" ADD COLUMN "pendingUntil" DATETIME;

-- CreateIndex
CREATE INDEX "Rsvp_pendingUntil_idx" ON "Rsvp"("pendingUntil");
