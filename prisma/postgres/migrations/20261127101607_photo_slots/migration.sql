-- DropIndex
DROP INDEX "ProposalPhoto_proposalId_idx";

-- CreateIndex
CREATE UNIQUE INDEX "ProposalPhoto_proposalId_position_key" ON "ProposalPhoto"("proposalId", "position");
