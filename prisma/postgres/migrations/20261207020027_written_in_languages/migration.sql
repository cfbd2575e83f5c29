-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "panelRationaleLocale" TEXT,
ADD COLUMN     "verdictNoteLocale" TEXT,
ADD COLUMN     "withdrawnReasonLocale" TEXT;

-- AlterTable
ALTER TABLE "ProposalEvent" ADD COLUMN     "noteLocale" TEXT;

-- AlterTable
ALTER TABLE "RealisationUpdate" ADD COLUMN     "textLocale" TEXT;
