-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN "panelRationaleLocale" TEXT;
ALTER TABLE "Proposal" ADD COLUMN "verdictNoteLocale" TEXT;
ALTER TABLE "Proposal" ADD COLUMN "withdrawnReasonLocale" TEXT;

-- AlterTable
ALTER TABLE "ProposalEvent" ADD COLUMN "noteLocale" TEXT;

-- AlterTable
ALTER TABLE "RealisationUpdate" ADD COLUMN "textLocale" TEXT;
