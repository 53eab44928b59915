import type { Sql } from 'postgres';
import { createIntegrator } from '../services/integrators.ts';
import { PasswordHasher } from '../services/passwords.ts';

/** Every demo user signs in with this password (the demo dealership uses Baylink's own identity). */
export const DEMO_PASSWORD = 'baylink-demo-1';

/** The demo dealership: advisors, technicians and a manager, English and French speakers, two teams. */
const DEMO_USERS = [
  {
    ref: 'ADV-101',
    name: 'Sophie Tremblay',
    email: 'sophie.tremblay@demo.baylink.dev',
    language: 'fr',
    job: 'Conseillère technique',
    role: 'member',
    caps: ['message_customers'],
  },
  {
    ref: 'ADV-102',
    name: 'Marcus Reed',
    email: 'marcus.reed@demo.baylink.dev',
    language: 'en',
    job: 'Service advisor',
    role: 'member',
    caps: ['message_customers'],
  },
  {
    ref: 'ADV-103',
    name: 'Isabelle Gagnon',
    email: 'isabelle.gagnon@demo.baylink.dev',
    language: 'fr',
    job: 'Conseillère technique',
    role: 'member',
    caps: ['message_customers'],
  },
  {
    ref: 'TEC-201',
    name: 'Dylan Park',
    email: 'dylan.park@demo.baylink.dev',
    language: 'en',
    job: 'Technician',
    role: 'member',
    caps: [],
  },
  {
    ref: 'TEC-202',
    name: 'Jean-Philippe Roy',
    email: 'jp.roy@demo.baylink.dev',
    language: 'fr',
    job: 'Technicien',
    role: 'member',
    caps: [],
  },
  {
    ref: 'TEC-203',
    name: 'Aisha Khan',
    email: 'aisha.khan@demo.baylink.dev',
    language: 'en',
    job: 'Lead technician',
    role: 'member',
    caps: [],
  },
  {
    ref: 'MGR-301',
    name: 'Caroline Bouchard',
    email: 'caroline.bouchard@demo.baylink.dev',
    language: 'fr',
    job: 'Directrice du service',
    role: 'admin',
    caps: ['message_customers'],
  },
  {
    ref: 'MGR-302',
    name: 'Tom Wilson',
    email: 'tom.wilson@demo.baylink.dev',
    language: 'en',
    job: 'Fixed operations manager',
    role: 'admin',
    caps: ['message_customers'],
  },
] as const;

const DEMO_TEAMS = [
  {
    ext: 'service-team',
    name: 'Service Team',
    members: ['ADV-101', 'ADV-102', 'ADV-103', 'MGR-301'],
  },
  { ext: 'technicians', name: 'Technicians', members: ['TEC-201', 'TEC-202', 'TEC-203'] },
] as const;

export interface DemoAccount {
  accountId: string;
  integratorId: string;
}

/** Loads the demo dealership once; later starts find it and change nothing. */
export async function seedDemo(sql: Sql): Promise<{ created: boolean; account: DemoAccount }> {
  const existing = await findDemoAccount(sql);
  if (existing) {
    await giveDemoPasswords(sql, existing.accountId);
    await setDemoAway(sql, existing.accountId);
    return { created: false, account: existing };
  }
  const { integrator } = await createIntegrator(sql, { name: 'Baylink demo portal' });
  const created = await sql.begin(async (tx) => {
    const [account] = await tx<{ id: string }[]>`
      insert into accounts (integrator_id, external_id, name, time_zone, identity)
      values (${integrator.id}, 'demo-dealership', 'Baylink Motors', 'America/Toronto', 'baylink')
      returning id`;
    const accountId = account!.id;
    for (const user of DEMO_USERS) {
      await tx`
        insert into users (account_id, reference_id, name, email, language, job_position, role, capabilities)
        values (${accountId}, ${user.ref}, ${user.name}, ${user.email}, ${user.language},
                ${user.job}, ${user.role}, ${[...user.caps]})`;
    }
    for (const team of DEMO_TEAMS) {
      const [row] = await tx<{ id: string }[]>`
        insert into teams (account_id, external_id, name)
        values (${accountId}, ${team.ext}, ${team.name}) returning id`;
      await tx`
        insert into team_members (account_id, team_id, user_id)
        select ${accountId}, ${row!.id}, id from users
        where account_id = ${accountId} and reference_id = any (${[...team.members]})`;
    }
    await tx`
      insert into server_secrets (name, value) values ('demo_account_id', ${accountId})
      on conflict (name) do update set value = excluded.value`;
    return { created: true, account: { accountId, integratorId: integrator.id } };
  });
  await giveDemoPasswords(sql, created.account.accountId);
  await setDemoAway(sql, created.account.accountId);
  return created;
}

/** The demo user who is away, the team covering, and when they are back (local time). */
export const DEMO_AWAY = {
  ref: 'ADV-103',
  team: 'service-team',
  inDays: 3,
  time: '08:00',
  timeZone: 'America/Toronto',
} as const;

/**
 * Shows the away status in the demo: one advisor is away, covered by the Service Team, until
 * 8:00 a few days after the demo was loaded (in the dealership's zone). Runs once, like the
 * passwords: a demo folder loaded before away statuses existed gets it at its next start, and a
 * status changed since then stays as it is.
 */
async function setDemoAway(sql: Sql, accountId: string): Promise<void> {
  const [marker] = await sql`select 1 from server_secrets where name = 'demo_away'`;
  if (marker) return;
  await sql.begin(async (tx) => {
    await tx`
      insert into away_statuses (
        account_id, user_id, away, since, until_at, until_date, until_time, until_zone,
        assignee_team_id, version, updated_at, updated_by
      )
      select u.account_id, u.id, true, now(),
        (d.day + ${DEMO_AWAY.time}::time) at time zone ${DEMO_AWAY.timeZone}::text,
        d.day, ${DEMO_AWAY.time}::time, ${DEMO_AWAY.timeZone}, t.id, 1, now(), u.id
      from users u
      join teams t on t.account_id = u.account_id and t.external_id = ${DEMO_AWAY.team}
      cross join lateral (
        select (now() at time zone ${DEMO_AWAY.timeZone}::text)::date + ${DEMO_AWAY.inDays}::int as day
      ) as d
      where u.account_id = ${accountId} and u.reference_id = ${DEMO_AWAY.ref}
      on conflict (account_id, user_id) do nothing`;
    await tx`
      insert into server_secrets (name, value) values ('demo_away', 'set')
      on conflict (name) do nothing`;
  });
}

/**
 * Gives the demo users the demo password and switches the dealership to Baylink's identity, so
 * the portal shows the Password section and the login. Runs once: a demo folder loaded before
 * passwords existed is upgraded at its next start; afterwards nothing is changed (a password the
 * user changed stays). One hash serves every demo user: the password is public anyway, and the
 * first start stays quick.
 */
async function giveDemoPasswords(sql: Sql, accountId: string): Promise<void> {
  const [marker] = await sql`select 1 from server_secrets where name = 'demo_passwords'`;
  if (marker) return;
  const hash = await new PasswordHasher().hash(DEMO_PASSWORD);
  await sql.begin(async (tx) => {
    await tx`update accounts set identity = 'baylink', updated_at = now() where id = ${accountId}`;
    await tx`
      insert into user_credentials (account_id, user_id, password_hash)
      select account_id, id, ${hash} from users where account_id = ${accountId}
      on conflict (account_id, user_id) do nothing`;
    await tx`
      insert into server_secrets (name, value) values ('demo_passwords', 'set')
      on conflict (name) do nothing`;
  });
}

export async function findDemoAccount(sql: Sql): Promise<DemoAccount | null> {
  const [row] = await sql<{ account_id: string; integrator_id: string }[]>`
    select a.id as account_id, a.integrator_id
    from server_secrets s join accounts a on a.id = s.value::uuid
    where s.name = 'demo_account_id'`;
  return row ? { accountId: row.account_id, integratorId: row.integrator_id } : null;
}
