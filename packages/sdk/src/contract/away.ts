import { z } from 'zod';
import { Id, Timestamp, TimeZone } from './common.ts';
import { ROUTING_REASONS } from './constants.ts';

// ─── Away status (article 000, "Using the Away Status") ─────────────────────────────────────

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'No such date');

/** A time of day `HH:MM`, 24-hour clock. */
const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour clock)');

/**
 * "Away until", as the user entered it: a date and a time of day in a time zone (the user's
 * browser zone, or the account's). The API turns it into an instant with the zone's rules for
 * that date, so a daylight-saving change between now and then is honoured. A time that does not
 * exist on that date (skipped by a spring-forward change) moves forward by the gap: it is read
 * with the offset in force before the change (02:30 in Toronto on the March change day is 03:30
 * daylight time). A time that occurs twice (fall back) is the second of the two: it is read with
 * the offset in force after the change (01:30 in Toronto on the November change day is 01:30
 * standard time). This is PostgreSQL's rule for `(date + time) AT TIME ZONE zone`.
 */
export const AwayUntilInput = z
  .object({ date: LocalDate, time: LocalTime, timeZone: TimeZone })
  .strict()
  .meta({ id: 'AwayUntilInput' });
export type AwayUntilInput = z.input<typeof AwayUntilInput>;

/** "Away until" as stored: the instant, and the date, time and zone it was entered in. */
export const AwayUntil = z
  .object({
    /** The instant the status turns itself off. */
    at: Timestamp,
    date: z.string(),
    time: z.string(),
    timeZone: z.string(),
  })
  .meta({ id: 'AwayUntil' });
export type AwayUntil = z.infer<typeof AwayUntil>;

/** Who new conversations go to while the user is away. */
export const AwayAssigneeInput = z
  .object({ kind: z.enum(['user', 'team']), id: Id })
  .strict()
  .meta({ id: 'AwayAssigneeInput' });
export type AwayAssigneeInput = z.input<typeof AwayAssigneeInput>;

export const AwayAssignee = z
  .object({ kind: z.enum(['user', 'team']), id: Id, name: z.string() })
  .meta({ id: 'AwayAssignee' });
export type AwayAssignee = z.infer<typeof AwayAssignee>;

/**
 * One user's away status as everyone in the account sees it. Reads are exact at the moment of
 * the read: a status whose `until` has passed reads as off even before the scheduled job has
 * written it off. `version` grows with every change of the user's status (including the
 * automatic return), so a client keeps the highest version it has seen.
 */
export const AwayStatus = z
  .object({
    userId: Id,
    /** The user's display name (so one presence list can render every name). */
    name: z.string(),
    away: z.boolean(),
    /** When the status was turned on (null while off). */
    since: Timestamp.nullable(),
    /** When it turns itself off (null: until turned off by hand, or while off). */
    until: AwayUntil.nullable(),
    /** Who covers; kept while off, so the settings show the last choice. */
    assignee: AwayAssignee.nullable(),
    version: z.number().int().nonnegative(),
    updatedAt: Timestamp.nullable(),
    /** Who made the last change: the user, an admin's user id, or null for the integrator or the automatic return. */
    updatedBy: Id.nullable(),
  })
  .meta({ id: 'AwayStatus' });
export type AwayStatus = z.infer<typeof AwayStatus>;

/**
 * `PUT …/away`: the whole status. `away: false` turns it off (the assignee is kept for next
 * time, `until` is dropped). Left out, `assignee` and `until` mean "none".
 */
export const SetAwayStatus = z
  .object({
    away: z.boolean(),
    assignee: AwayAssigneeInput.nullable().optional(),
    until: AwayUntilInput.nullable().optional(),
  })
  .strict()
  .meta({ id: 'SetAwayStatus' });
export type SetAwayStatus = z.input<typeof SetAwayStatus>;

/** `GET /v1/presence`: every user of the account with their away status, by name. */
export const PresenceList = z
  .object({ items: z.array(AwayStatus), asOf: Timestamp })
  .meta({ id: 'PresenceList' });
export type PresenceList = z.infer<typeof PresenceList>;

// ─── Routing decisions: "who gets this new conversation for user U now, and why" ──────────

export const RoutingReason = z.enum(ROUTING_REASONS).meta({ id: 'RoutingReason' });
export type RoutingReason = z.infer<typeof RoutingReason>;

/** `POST …/routing/decisions`: the host asks who gets a conversation meant for a user. */
export const RouteRequest = z
  .object({
    /** The user the conversation is meant for (or their id in the host system). */
    userId: Id.optional(),
    referenceId: z.string().trim().min(1).max(128).optional(),
    /** The conversation's id in the host system. */
    conversationId: z.string().trim().min(1).max(200),
    /**
     * True when the user answered this conversation themselves while away: it stays theirs,
     * now and in every later decision about the same conversation.
     */
    replied: z.boolean().default(false),
    /** Shown in the `conversations.assigned` notification (the customer's name, a subject). */
    title: z.string().trim().min(1).max(200).optional(),
    /** Deep link into the host app, carried by the notification. */
    link: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
  })
  .strict()
  .refine((r) => (r.userId === undefined) !== (r.referenceId === undefined), {
    message: 'Give exactly one of userId and referenceId',
    path: ['userId'],
  })
  .meta({ id: 'RouteRequest' });
export type RouteRequest = z.input<typeof RouteRequest>;

/** The answer, recorded for audit. `assigneeId` is who gets the conversation. */
export const RoutingDecision = z
  .object({
    id: Id,
    conversationId: z.string(),
    /** The user the conversation was meant for. */
    userId: Id,
    /** Who gets it: the same user, or the one covering. */
    assigneeId: Id,
    assigneeName: z.string(),
    reassigned: z.boolean(),
    reason: RoutingReason,
    /** The cover the decision went through (the user or team the away user named), if any. */
    via: AwayAssignee.nullable(),
    /** The `conversations.assigned` notification sent to the new assignee, if reassigned. */
    notificationId: Id.nullable(),
    /** Who asked: a user id (user token) or null (the integrator's backend). */
    requestedBy: Id.nullable(),
    decidedAt: Timestamp,
  })
  .meta({ id: 'RoutingDecision' });
export type RoutingDecision = z.infer<typeof RoutingDecision>;

export const RoutingDecisionQuery = z.object({
  userId: Id.optional(),
  assigneeId: Id.optional(),
  conversationId: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const RoutingDecisionPage = z
  .object({ items: z.array(RoutingDecision), nextCursor: z.string().nullable() })
  .meta({ id: 'RoutingDecisionPage' });
export type RoutingDecisionPage = z.infer<typeof RoutingDecisionPage>;

export { ROUTING_REASONS };
