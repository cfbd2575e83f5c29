-- CreateIndex
CREATE INDEX "User_isDemo_idx" ON "User"("isDemo");
