-- AlterTable
ALTER TABLE "Case" ADD COLUMN "patientAgeYears" INTEGER;
ALTER TABLE "Case" ADD COLUMN "patientSex" TEXT;

