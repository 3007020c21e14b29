-- AuditLog is append-only: reject UPDATE and DELETE.
-- Source: prisma/triggers/audit-log-append-only.sqlite.sql, appended by libs/db/scripts/new-migration.mjs
-- to every migration that creates or redefines the AuditLog table (redefining drops its triggers).
CREATE TRIGGER "AuditLog_reject_update" BEFORE UPDATE ON "AuditLog"
BEGIN
    SELECT RAISE(ABORT, 'AuditLog is append-only: UPDATE is not allowed');
END;

CREATE TRIGGER "AuditLog_reject_delete" BEFORE DELETE ON "AuditLog"
BEGIN
    SELECT RAISE(ABORT, 'AuditLog is append-only: DELETE is not allowed');
END;
