// Cases in the database: create, edit the details, list (filtered, keyset-paginated) and read one
// with everything the case page shows. Every read and write is recorded in the audit log.
import { getDb, recordAudit, type Db, type Prisma } from '@visioncad/db';
import type { Actor } from './actor';
import { CASE_DETAIL_FIELDS, parseCaseDetails, type NewCaseInput } from './case-fields';
import { encodeCaseCursor, type CaseListQuery } from './case-list-query';
import { NO_VERDICT_FILTER } from './case-verdict';
import { ServiceError } from './service-error';

/** Creates the case (and the patient, the first time the reference is seen). */
export async function createCase(input: NewCaseInput, actor: Actor, db: Db = getDb()) {
  const created = await db.$transaction(async (tx) => {
    const patient = await tx.patient.upsert({
      where: { reference: input.patientReference },
      create: { reference: input.patientReference },
      update: {},
    });
    return tx.case.create({
      data: {
        patientId: patient.id,
        bodySite: input.bodySite,
        clinicalNotes: input.clinicalNotes,
        patientAgeYears: input.patientAgeYears,
        patientSex: input.patientSex,
        visitDate: input.visitDate,
        createdById: actor.id,
      },
    });
  });
  await recordAudit(
    {
      actorId: actor.id,
      actorEmail: actor.email,
      action: 'case.create',
      targetType: 'Case',
      targetId: created.id,
      details: { patientReference: input.patientReference, bodySite: input.bodySite },
      ip: actor.ip,
    },
    db,
  );
  return created;
}

/** A details value as the audit entry records it: days as YYYY-MM-DD, the rest as stored. */
function auditValue(value: string | number | Date | null): string | number | null {
  return value instanceof Date ? value.toISOString().slice(0, 10) : value;
}

/**
 * Edits a case's details (body site, visit date, age, sex, notes): `fields` are the ones to change
 * (JSON or form values; an empty string clears an optional one), checked together with the rest as
 * for a new case. Refused once a review of the case is signed off: the details are part of the
 * signed record, and a correction then goes into a new review. The audit entry lists each changed
 * field with its old and new value; analyses already run keep the details they were run with
 * (their results say which).
 */
export async function updateCaseDetails(
  id: string,
  fields: Record<string, unknown>,
  actor: Actor,
  db: Db = getDb(),
  now: Date = new Date(),
) {
  const unknown = Object.keys(fields).filter((k) => !(CASE_DETAIL_FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new ServiceError(
      400,
      `${unknown.join(', ')} cannot be edited; a case's editable details are ${CASE_DETAIL_FIELDS.join(', ')}.`,
      unknown[0],
    );
  }
  const found = await db.case.findUnique({
    where: { id },
    include: { reviews: { where: { signedOffAt: { not: null } }, select: { signedOffAt: true }, take: 1 } },
  });
  if (!found) throw new ServiceError(404, `There is no case with id "${id}".`, 'id');
  const signed = found.reviews[0]?.signedOffAt;
  if (signed) {
    throw new ServiceError(
      409,
      `Case ${id} was signed off on ${signed.toISOString().slice(0, 10)}; its details are part of the signed record. Record a correction in a new review instead.`,
      'id',
    );
  }
  const input = parseCaseDetails(
    {
      bodySite: found.bodySite,
      patientAgeYears: found.patientAgeYears ?? '',
      patientSex: found.patientSex ?? '',
      visitDate: auditValue(found.visitDate),
      clinicalNotes: found.clinicalNotes ?? '',
      ...fields,
    },
    now,
  );
  const changes: Record<string, { from: string | number | null; to: string | number | null }> = {};
  for (const field of CASE_DETAIL_FIELDS) {
    const from = auditValue(found[field]);
    const to = auditValue(input[field]);
    if (from !== to) changes[field] = { from, to };
  }
  const { reviews: _signedOff, ...current } = found;
  if (Object.keys(changes).length === 0) return current;
  const updated = await db.case.update({ where: { id }, data: input });
  await recordAudit(
    {
      actorId: actor.id,
      actorEmail: actor.email,
      action: 'case.update',
      targetType: 'Case',
      targetId: id,
      details: changes,
      ip: actor.ip,
    },
    db,
  );
  return updated;
}

function whereFor(query: CaseListQuery): Prisma.CaseWhereInput {
  const and: Prisma.CaseWhereInput[] = [];
  if (query.status) and.push({ status: query.status });
  if (query.bodySite) and.push({ bodySite: query.bodySite });
  if (query.from) and.push({ visitDate: { gte: query.from } });
  if (query.to) and.push({ visitDate: { lte: query.to } });
  if (query.reviewed === true) and.push({ reviews: { some: { signedOffAt: { not: null } } } });
  if (query.reviewed === false) and.push({ reviews: { none: { signedOffAt: { not: null } } } });
  if (query.modelVerdict !== undefined) and.push({ modelVerdict: query.modelVerdict });
  return { AND: and };
}

const LIST_SELECT = {
  id: true,
  visitDate: true,
  bodySite: true,
  status: true,
  modelVerdict: true,
  createdAt: true,
  patient: { select: { reference: true } },
  createdBy: { select: { name: true } },
  _count: { select: { images: true, reviews: true } },
} satisfies Prisma.CaseSelect;

/**
 * One page of cases matching the filters, most recent visit first. Pages are cut by keyset
 * (visitDate, id) rather than offset, so page 400 costs what page 1 costs.
 */
export async function listCases(query: CaseListQuery, actor: Actor | null, db: Db = getDb()) {
  const filter = whereFor(query);
  const page: Prisma.CaseWhereInput = query.cursor
    ? {
        AND: [
          filter,
          {
            OR: [
              { visitDate: { lt: query.cursor.visitDate } },
              { visitDate: query.cursor.visitDate, id: { lt: query.cursor.id } },
            ],
          },
        ],
      }
    : filter;
  const [rows, total] = await Promise.all([
    db.case.findMany({
      where: page,
      orderBy: [{ visitDate: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
      select: LIST_SELECT,
    }),
    db.case.count({ where: filter }),
  ]);
  const cases = rows.slice(0, query.limit);
  const last = cases[cases.length - 1];
  const nextCursor = rows.length > query.limit && last ? encodeCaseCursor(last) : null;
  if (actor) {
    await recordAudit(
      {
        actorId: actor.id,
        actorEmail: actor.email,
        action: 'case.list',
        targetType: 'Case',
        details: {
          returned: cases.length,
          total,
          status: query.status ?? null,
          bodySite: query.bodySite ?? null,
          from: query.from?.toISOString() ?? null,
          to: query.to?.toISOString() ?? null,
          reviewed: query.reviewed ?? null,
          verdict: query.modelVerdict === undefined ? null : (query.modelVerdict ?? NO_VERDICT_FILTER),
        },
        ip: actor.ip,
      },
      db,
    );
  }
  return { cases, total, nextCursor };
}

/** One row of the case list. */
export type CaseListRow = Awaited<ReturnType<typeof listCases>>['cases'][number];

/** The case with its images (and their analyses) and reviews; 404 when there is none. */
export async function readCase(id: string, actor: Actor, db: Db = getDb()) {
  const found = await db.case.findUnique({
    where: { id },
    include: {
      patient: { select: { reference: true } },
      createdBy: { select: { name: true, email: true } },
      images: {
        orderBy: { createdAt: 'asc' },
        include: {
          uploadedBy: { select: { name: true } },
          analyses: {
            orderBy: { createdAt: 'desc' },
            include: { modelVersion: { select: { name: true, version: true } } },
          },
        },
      },
      reviews: {
        orderBy: { createdAt: 'asc' },
        include: { reviewer: { select: { name: true, email: true } } },
      },
    },
  });
  if (!found) throw new ServiceError(404, `There is no case with id "${id}".`, 'id');
  await recordAudit(
    {
      actorId: actor.id,
      actorEmail: actor.email,
      action: 'case.read',
      targetType: 'Case',
      targetId: id,
      ip: actor.ip,
    },
    db,
  );
  return found;
}

/** A case as the case page and `GET /api/cases/{id}` show it. */
export type CaseDetail = Awaited<ReturnType<typeof readCase>>;
