-- AuditLog is append-only: reject UPDATE, DELETE and TRUNCATE.
-- Source: prisma/triggers/audit-log-append-only.postgresql.sql, appended by
-- libs/db/scripts/new-migration.mjs to every migration that creates the AuditLog table.
CREATE OR REPLACE FUNCTION "AuditLog_reject_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'AuditLog is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditLog_reject_update_delete" BEFORE UPDATE OR DELETE ON "AuditLog"
    FOR EACH ROW EXECUTE FUNCTION "AuditLog_reject_change"();

CREATE TRIGGER "AuditLog_reject_truncate" BEFORE TRUNCATE ON "AuditLog"
    FOR EACH STATEMENT EXECUTE FUNCTION "AuditLog_reject_change"();
