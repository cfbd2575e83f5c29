-- AlterTable
ALTER TABLE "BudgetRound" ADD COLUMN     "eligibleVoterCount" INTEGER;
