// The small IndexedDB store that the page (`client.push`) and Baylink's service worker share:
// what this browser registered with Baylink, and the device token the worker authenticates
// with (the worker holds no user token). Pages and workers of one origin see the same database.
// Plain IndexedDB, no dependency: it runs in windows and in service workers alike.

export const PUSH_DB_NAME = 'baylink-push';
export const PUSH_DB_VERSION = 1;
export const PUSH_DEVICE_STORE = 'devices';

/** One browser subscription registered with one Baylink API for one user. */
export interface PushDeviceRecord {
  /** The API's base URL, without a trailing slash (as `client.baseUrl` and `PushPayload.api`). */
  apiBase: string;
  /** Baylink's id of the user the subscription was registered for. */
  userId: string;
  /** Baylink's id of the device (`PushDevice.id`). */
  deviceId: string;
  /** The token the service worker sends as `Authorization: Device <token>`. */
  deviceToken: string;
  /** The VAPID public key the subscription was made with (base64url). */
  applicationServerKey: string;
  /** The push service URL of the subscription. */
  endpoint: string;
  /** The scope of the service worker registration that holds the subscription. */
  scope: string;
  /** When this record was written (ISO 8601). */
  updatedAt: string;
}

/** What identifies records when the exact key is unknown (the service worker's lookups). */
export interface PushDeviceMatch {
  apiBase?: string;
  scope?: string;
  endpoint?: string;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDatabase(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') {
    return Promise.reject(new Error('IndexedDB is not available here'));
  }
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(PUSH_DB_NAME, PUSH_DB_VERSION);
    open.onupgradeneeded = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(PUSH_DEVICE_STORE)) {
        db.createObjectStore(PUSH_DEVICE_STORE, { keyPath: ['apiBase', 'userId'] });
      }
    };
    open.onsuccess = () => {
      const db = open.result;
      // Another context upgrading the database: let it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    open.onerror = () => reject(open.error);
    open.onblocked = () => reject(new Error(`The ${PUSH_DB_NAME} database is blocked`));
  });
}

/** Runs `work` in one transaction on the store and resolves once the transaction commits. */
async function withStore<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => Promise<T>,
): Promise<T> {
  const db = await openDatabase();
  try {
    const transaction = db.transaction(PUSH_DEVICE_STORE, mode);
    const done = new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('Transaction aborted'));
    });
    const result = await work(transaction.objectStore(PUSH_DEVICE_STORE));
    await done;
    return result;
  } finally {
    db.close();
  }
}

/** `https://api.example.com/` and `https://api.example.com` are the same API. */
export function normalizeApiBase(apiBase: string): string {
  return apiBase.replace(/\/+$/, '');
}

/**
 * Stores a registration. A subscription belongs to one user at a time (the API moves it to
 * whoever registers it last), so records of other users with the same endpoint for the same API
 * are removed in the same transaction.
 */
export function saveDeviceRecord(record: PushDeviceRecord): Promise<PushDeviceRecord> {
  const saved = { ...record, apiBase: normalizeApiBase(record.apiBase) };
  return withStore('readwrite', async (store) => {
    const all = await request(store.getAll() as IDBRequest<PushDeviceRecord[]>);
    for (const other of all) {
      if (
        other.apiBase === saved.apiBase &&
        other.endpoint === saved.endpoint &&
        other.userId !== saved.userId
      ) {
        await request(store.delete([other.apiBase, other.userId]));
      }
    }
    await request(store.put(saved));
    return saved;
  });
}

/** This browser's record for one API and user, or null. */
export function getDeviceRecord(apiBase: string, userId: string): Promise<PushDeviceRecord | null> {
  return withStore('readonly', async (store) => {
    const found = await request(
      store.get([normalizeApiBase(apiBase), userId]) as IDBRequest<PushDeviceRecord | undefined>,
    );
    return found ?? null;
  });
}

export function deleteDeviceRecord(apiBase: string, userId: string): Promise<void> {
  return withStore('readwrite', async (store) => {
    await request(store.delete([normalizeApiBase(apiBase), userId]));
  });
}

/** Every record, newest first. */
export function listDeviceRecords(): Promise<PushDeviceRecord[]> {
  return withStore('readonly', async (store) => {
    const all = await request(store.getAll() as IDBRequest<PushDeviceRecord[]>);
    return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  });
}

/** The records that match every given field, newest first. */
export async function findDeviceRecords(match: PushDeviceMatch): Promise<PushDeviceRecord[]> {
  const apiBase = match.apiBase === undefined ? undefined : normalizeApiBase(match.apiBase);
  return (await listDeviceRecords()).filter(
    (record) =>
      (apiBase === undefined || record.apiBase === apiBase) &&
      (match.scope === undefined || record.scope === match.scope) &&
      (match.endpoint === undefined || record.endpoint === match.endpoint),
  );
}
