-- DropIndex
DROP INDEX "Case_status_visitDate_idx";

-- DropIndex
DROP INDEX "Case_bodySite_idx";

-- DropIndex
DROP INDEX "Review_caseId_idx";

-- CreateIndex
CREATE INDEX "Case_visitDate_id_idx" ON "Case"("visitDate", "id");

-- CreateIndex
CREATE INDEX "Case_status_visitDate_id_idx" ON "Case"("status", "visitDate", "id");

-- CreateIndex
CREATE INDEX "Case_bodySite_visitDate_id_idx" ON "Case"("bodySite", "visitDate", "id");

-- CreateIndex
CREATE INDEX "Review_caseId_signedOffAt_idx" ON "Review"("caseId", "signedOffAt");

