import { json } from './test-app.ts';

export interface ApiErrorJson {
  code: string;
  message: string;
  details?: { path: string; message: string }[];
  requestId?: string;
}

/** Reads the one error shape (`{ error: { code, message, details?, requestId } }`). */
export async function errorOf(response: Response): Promise<ApiErrorJson> {
  const body = await json<{ error: ApiErrorJson }>(response);
  if (!body.error || typeof body.error.code !== 'string') {
    throw new Error(`Expected the error shape, got ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.error;
}

/** The field paths a 400 named. */
export const pathsOf = (error: ApiErrorJson) => (error.details ?? []).map((detail) => detail.path);
