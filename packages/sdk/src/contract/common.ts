import { z } from 'zod';
import { CAPABILITIES, LANGUAGES, ROLES } from './constants.ts';

export { CAPABILITIES, LANGUAGES, ROLES };

export const Language = z.enum(LANGUAGES).meta({ id: 'Language' });
export type Language = z.infer<typeof Language>;

export const Id = z.uuid();

export const Role = z.enum(ROLES).meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;

export const Capability = z.enum(CAPABILITIES).meta({ id: 'Capability' });
export type Capability = z.infer<typeof Capability>;

/** An id the host system uses for the same object (its user id, its dealership id…). */
export const ExternalId = z.string().trim().min(1).max(128);

export const Timestamp = z.iso.datetime({ offset: true });

/** An IANA time zone name such as `America/Toronto`. */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'Unknown time zone' },
  );

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** A page of results with an opaque cursor for the next one. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
