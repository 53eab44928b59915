import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

/** Where uploaded files live. The local folder is the default; an S3 bucket can implement the same. */
export interface FileStore {
  put(key: string, data: Uint8Array, contentType: string): Promise<void>;
  /** A stream of the file and its size, or null when there is none. */
  get(key: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null>;
  delete(key: string): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/_.-]*$/i;

function checkKey(key: string): string {
  if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`Unsafe file key: ${key}`);
  return key;
}

/** Keeps files in a folder; writes go to a temporary name and are renamed, so readers never see half a file. */
export function createLocalFileStore(root: string): FileStore {
  const resolve = (key: string) => path.join(root, checkKey(key));
  return {
    async put(key, data) {
      const target = resolve(key);
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, data);
      await rename(temporary, target);
    },
    async get(key) {
      const target = resolve(key);
      try {
        const info = await stat(target);
        const body = Readable.toWeb(createReadStream(target)) as ReadableStream<Uint8Array>;
        return { body, size: info.size };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(resolve(key), { force: true });
    },
  };
}
