import { TopicKey, TopicSubscribers, TopicSubscribersChange } from '@baylink/sdk/contract';
import { createRoute, z } from '@hono/zod-openapi';
import type { Sql, TransactionSql } from 'postgres';
import { ApiError, notFound } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import { requireOwnedAccount } from '../accounts/account-scope.ts';

const security = [{ apiKey: [] }];

const TopicParams = z.object({ accountId: z.uuid(), topic: TopicKey });
const SubscriberParams = z.object({ accountId: z.uuid(), topic: TopicKey, userId: z.uuid() });

const topicDescription =
  'A topic key such as `repair-order:4521` names "the participants of X"; events may address its subscribers. Encode it in the path with encodeURIComponent (it may contain `:` and `/`).';

async function readSubscribers(sql: Sql | TransactionSql, accountId: string, topic: string) {
  const rows = await sql<{ user_id: string }[]>`
    select user_id::text from topic_subscribers
    where account_id = ${accountId} and topic = ${topic}
    order by created_at, user_id`;
  return { topic, userIds: rows.map((row) => row.user_id) };
}

/**
 * The users that `userIds` and `referenceIds` name, held until the commit; answers 400 naming
 * every unknown one (`userIds.2`, `referenceIds.0`).
 */
async function resolveUsers(
  tx: TransactionSql,
  accountId: string,
  userIds: string[],
  referenceIds: string[],
): Promise<string[]> {
  const rows = await tx<{ field: string; index: number; user_id: string | null }[]>`
    select 'userIds' as field, x.idx::int - 1 as index, u.id::text as user_id
    from unnest(${userIds}::uuid[]) with ordinality as x(id, idx)
    left join users u on u.account_id = ${accountId} and u.id = x.id
    union all
    select 'referenceIds', x.idx::int - 1, u.id::text
    from unnest(${referenceIds}::text[]) with ordinality as x(ref, idx)
    left join users u on u.account_id = ${accountId} and u.reference_id = x.ref
    order by 1 desc, 2`;
  const details = rows
    .filter((row) => row.user_id === null)
    .map((row) => ({
      path: `${row.field}.${row.index}`,
      message: `No user of this account has this ${row.field === 'userIds' ? 'id' : 'reference id'}`,
    }));
  if (details.length > 0) {
    throw new ApiError(
      400,
      'validation_failed',
      `Invalid input: ${details.map((d) => d.path).join(', ')}`,
      details,
    );
  }
  return [...new Set(rows.map((row) => row.user_id!))];
}

/** Topic subscribers ("the participants of X"), managed with the integrator's API key. */
export const topicsRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'put',
      path: '/v1/accounts/{accountId}/topics/{topic}/subscribers',
      tags: ['Notifications'],
      summary: 'Subscribe users to a topic',
      description: `${topicDescription} Adds the users (by id or reference id); adding a subscriber twice changes nothing.`,
      security,
      request: { params: TopicParams, body: jsonBody(TopicSubscribersChange) },
      responses: {
        200: jsonResponse(TopicSubscribers, 'Every subscriber of the topic'),
        ...errorResponses(400, 401, 404, 413, 415),
      },
    }),
    async (c) => {
      const { accountId, topic } = c.req.valid('param');
      const change = c.req.valid('json');
      const { sql } = c.get('deps');
      const integratorId = c.get('integrator').id;
      const result = await sql.begin(async (tx) => {
        await requireOwnedAccount(tx, integratorId, accountId);
        const userIds = await resolveUsers(
          tx,
          accountId,
          change.userIds ?? [],
          change.referenceIds ?? [],
        );
        if (userIds.length > 0) {
          await tx`
            insert into topic_subscribers (account_id, topic, user_id)
            select ${accountId}, ${topic}, unnest(${userIds}::uuid[])
            on conflict do nothing`;
        }
        return readSubscribers(tx, accountId, topic);
      });
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/accounts/{accountId}/topics/{topic}/subscribers',
      tags: ['Notifications'],
      summary: 'List the subscribers of a topic',
      description: `${topicDescription} A topic nobody subscribed to has no subscribers (not a 404).`,
      security,
      request: { params: TopicParams },
      responses: {
        200: jsonResponse(TopicSubscribers, 'Every subscriber, oldest first'),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { accountId, topic } = c.req.valid('param');
      const { sql } = c.get('deps');
      await requireOwnedAccount(sql, c.get('integrator').id, accountId);
      return c.json(await readSubscribers(sql, accountId, topic), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/accounts/{accountId}/topics/{topic}/subscribers/{userId}',
      tags: ['Notifications'],
      summary: 'Unsubscribe a user from a topic',
      description: `${topicDescription} Idempotent: removing a user who is not subscribed changes nothing.`,
      security,
      request: { params: SubscriberParams },
      responses: {
        204: { description: 'Not subscribed any more' },
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { accountId, topic, userId } = c.req.valid('param');
      const { sql } = c.get('deps');
      await requireOwnedAccount(sql, c.get('integrator').id, accountId);
      const [user] =
        await sql`select 1 from users where account_id = ${accountId} and id = ${userId}`;
      if (!user) throw notFound('The user');
      await sql`
        delete from topic_subscribers
        where account_id = ${accountId} and topic = ${topic} and user_id = ${userId}`;
      return c.body(null, 204);
    },
  );
