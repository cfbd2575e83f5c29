-- CreateIndex
CREATE INDEX "ProposalPhoto_fileName_idx" ON "ProposalPhoto"("fileName");
