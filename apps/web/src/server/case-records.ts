// Cases in the database: create, list (filtered, keyset-paginated) and read one with everything
// the case page shows. Every read and write is recorded in the audit log.
import { getDb, recordAudit, type Db, type Prisma } from '@visioncad/db';
import type { Actor } from './actor';
import type { NewCaseInput } from './case-fields';
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
