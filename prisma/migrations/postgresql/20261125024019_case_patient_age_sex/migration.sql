-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "patientAgeYears" INTEGER,
ADD COLUMN     "patientSex" TEXT;

