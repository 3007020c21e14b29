-- AlterTable
ALTER TABLE "Case" ADD COLUMN "modelVerdict" TEXT;

-- CreateIndex
CREATE INDEX "Case_modelVerdict_visitDate_id_idx" ON "Case"("modelVerdict", "visitDate", "id");


-- Backfill: each case's model verdict from its analyses, by the rules of
-- apps/web/src/server/case-verdict.ts (keep the two in step). Each image counts with its latest
-- succeeded analysis that has finished outputs; the case takes the latest of those: a dermoscopy
-- result's topLabel, a face result's first (largest) face's topLabel or 'no-face', and for a video
-- frame the most frequent label of its video's frames with a face (a tie goes to the earliest frame).
WITH "finished" AS (
    SELECT a."id", a."imageId", a."finishedAt", a."createdAt",
        CASE WHEN json_valid(a."outputs") THEN a."outputs" END AS "json"
    FROM "Analysis" a
    WHERE a."status" = 'SUCCEEDED'
),
"labelled" AS (
    SELECT f."id", f."imageId", f."finishedAt", f."createdAt",
        CASE json_extract(f."json", '$.kind')
            WHEN 'DERMOSCOPY' THEN json_extract(f."json", '$.topLabel')
            WHEN 'FACE' THEN COALESCE(json_extract(f."json", '$.faces[0].topLabel'), 'no-face')
        END AS "label"
    FROM "finished" f
),
"image_latest" AS (
    SELECT i."caseId", i."kind", i."sourceKey", i."frameIndex", l."id", l."finishedAt", l."createdAt", l."label",
        ROW_NUMBER() OVER (
            PARTITION BY l."imageId" ORDER BY l."finishedAt" DESC, l."createdAt" DESC, l."id" DESC
        ) AS "n"
    FROM "labelled" l
    JOIN "Image" i ON i."id" = l."imageId"
    WHERE l."label" IS NOT NULL
),
"per_image" AS (
    SELECT * FROM "image_latest" WHERE "n" = 1
),
"case_latest" AS (
    SELECT p.*,
        ROW_NUMBER() OVER (
            PARTITION BY p."caseId" ORDER BY p."finishedAt" DESC, p."createdAt" DESC, p."id" DESC
        ) AS "m"
    FROM "per_image" p
),
"video_tally" AS (
    SELECT p."caseId", p."sourceKey", p."label",
        ROW_NUMBER() OVER (
            PARTITION BY p."caseId", p."sourceKey"
            ORDER BY COUNT(*) DESC, MIN(COALESCE(p."frameIndex", 0)) ASC
        ) AS "r"
    FROM "per_image" p
    WHERE p."kind" = 'VIDEO_FRAME' AND p."sourceKey" IS NOT NULL AND p."label" <> 'no-face'
    GROUP BY p."caseId", p."sourceKey", p."label"
),
"verdict" AS (
    SELECT c."caseId",
        CASE
            WHEN c."kind" = 'VIDEO_FRAME' AND c."sourceKey" IS NOT NULL THEN COALESCE(v."label", 'no-face')
            ELSE c."label"
        END AS "label"
    FROM "case_latest" c
    LEFT JOIN "video_tally" v ON v."caseId" = c."caseId" AND v."sourceKey" = c."sourceKey" AND v."r" = 1
    WHERE c."m" = 1
)
UPDATE "Case"
SET "modelVerdict" = (SELECT v."label" FROM "verdict" v WHERE v."caseId" = "Case"."id")
WHERE "id" IN (SELECT "caseId" FROM "verdict");
